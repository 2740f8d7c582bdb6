package org.flinkop.adapters.kubernetes.crd;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** Schema stand-in for an object the API server must keep whole: {@code type: object} with unknown fields preserved. */
@PreserveUnknownFields
final class StoredAsIs {

    private StoredAsIs() {
    }
}
