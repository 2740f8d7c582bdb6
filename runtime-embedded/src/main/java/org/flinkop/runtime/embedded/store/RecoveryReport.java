package org.flinkop.runtime.embedded.store;

import io.vavr.collection.List;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What opening a store found: how many resources it loaded, and every file it did not take as it was, each with
 * a named reason, so that the caller can show them (the command line prints them; an embedding platform can
 * raise them as its own alerts).
 *
 * @param root            the store's folder
 * @param resources       the resources loaded
 * @param resourceVersion the resourceVersion the store resumes after
 * @param findings        the files not taken as they were; empty when everything was read
 */
public record RecoveryReport(Path root, int resources, long resourceVersion, List<Finding> findings) {

    public RecoveryReport {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(findings, "findings");
    }

    /** Why a file was not taken as it was, and what the store did about it. */
    public enum Reason {
        UNREADABLE_RESOURCE("the resource cannot be read; it is not loaded, and changes to it are refused until the file is repaired "
                + "or removed and the store opened again"),
        UNREADABLE_EVENTS("the events cannot be read; the resource starts with none"),
        STATUS_PARTLY_READ("part of the status cannot be read and is left out; the resource is loaded"),
        UNREADABLE_VERSION_FILE("the version file cannot be read; resourceVersions resume after the largest one in a resource file"),
        LEFTOVER_TEMPORARY_FILE("a write was interrupted before it took effect; the file is removed and the resource keeps the version before"),
        ORPHANED_EVENTS("the events of a resource that no longer exists; removed"),
        UNEXPECTED_FILE("not a file this store writes; left alone");

        private final String consequence;

        Reason(String consequence) {
            this.consequence = consequence;
        }

        public String consequence() {
            return consequence;
        }
    }

    /**
     * One file.
     *
     * @param detail what is wrong with it, in the reader's words
     */
    public record Finding(Reason reason, Path file, String detail) {

        public Finding {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(detail, "detail");
        }

        /** {@code /var/flinkop/resources/FlinkDeployment/default/a.json: it is not JSON: … ; the resource cannot … [UNREADABLE_RESOURCE]}. */
        public String describe() {
            return file + ": " + (detail.isEmpty() ? "" : detail + "; ") + reason.consequence() + " [" + reason + "]";
        }
    }

    /** Whether every file was read as it was. */
    public boolean isClean() {
        return findings.isEmpty();
    }

    public List<Finding> findings(Reason reason) {
        return findings.filter(f -> f.reason() == reason);
    }

    /** One line for the store, then one per finding. */
    public List<String> describe() {
        String summary = "store " + root + ": " + resources + " resource(s) loaded, resourceVersion " + resourceVersion
                + (findings.isEmpty() ? "" : ", " + findings.size() + " file(s) not taken as they were");
        return findings.map(Finding::describe).prepend(summary);
    }
}
