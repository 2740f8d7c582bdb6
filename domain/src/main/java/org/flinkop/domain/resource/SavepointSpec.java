package org.flinkop.domain.resource;

/**
 * A savepoint request. {@code path} is the target directory (or, with {@code alreadyExists}, the existing
 * savepoint being registered); {@code disposeOnDelete} defaults to true and {@code alreadyExists} to false.
 */
public record SavepointSpec(
        String path,
        SnapshotFormatType formatType,
        Boolean disposeOnDelete,
        Boolean alreadyExists) {

    public boolean effectiveDisposeOnDelete() {
        return !Boolean.FALSE.equals(disposeOnDelete);
    }

    public boolean effectiveAlreadyExists() {
        return Boolean.TRUE.equals(alreadyExists);
    }

    public SnapshotFormatType effectiveFormatType() {
        return formatType == null ? SnapshotFormatType.CANONICAL : formatType;
    }
}
