package org.flinkop.domain.validation;

/** Why a resource was refused. Each reason is a stable name users can search for, with a one-line summary. */
public enum Reason {
    WRONG_API_VERSION("the apiVersion is not flink.apache.org/v1beta1"),
    UNKNOWN_KIND("the kind is not one this operator manages"),
    MISSING_FIELD("a required field is missing"),
    UNKNOWN_FIELD("the field does not exist in this resource"),
    WRONG_TYPE("the value has the wrong type"),
    UNKNOWN_ENUM_VALUE("the value is not one of the allowed spellings"),
    INVALID_NAME("the name is not a valid Kubernetes name"),
    INVALID_MEMORY("the memory size is neither a Flink size nor a Kubernetes quantity"),
    INVALID_CPU("the cpu amount is not a positive number"),
    INVALID_QUANTITY("the value is not a Kubernetes quantity"),
    OUT_OF_RANGE("the number is outside the allowed range"),
    UNSUPPORTED_FLINK_VERSION("the Flink version is no longer supported"),
    CLUSTER_TYPE_CHANGED("an application cluster cannot become a session cluster, or the other way round"),
    DEPLOYMENT_MODE_CHANGED("a cluster cannot switch between native and standalone mode"),
    CHECKPOINT_DIR_MISSING("the upgrade mode needs a checkpoint directory"),
    SAVEPOINT_DIR_MISSING("savepoints are requested but no savepoint directory is set"),
    REDEPLOY_WITHOUT_SAVEPOINT("savepointRedeployNonce changed without an initialSavepointPath"),
    SESSION_JOB_WITHOUT_DEPLOYMENT("a session job must name its session cluster"),
    DEPLOYMENT_NAME_CHANGED("a session job cannot move to another session cluster"),
    SNAPSHOT_TYPE_AMBIGUOUS("a snapshot sets both savepoint and checkpoint"),
    SNAPSHOT_TYPE_MISSING("a snapshot sets neither savepoint nor checkpoint"),
    EXISTING_SAVEPOINT_WITHOUT_PATH("a savepoint that already exists needs its path"),
    JAR_URI_SCHEME_NOT_ALLOWED("the jarURI scheme is not allowed"),
    INVALID_URI("the value is not a valid URI"),
    STANDBY_WITHOUT_HA("more than one JobManager needs high availability"),
    INVALID_DURATION("the value is not a Flink duration"),
    INVALID_CONFIGURATION("a Flink configuration value is invalid"),
    INVALID_LOG_CONFIGURATION("the log configuration file name is not one Flink reads"),
    INVALID_PULL_POLICY("the image pull policy is not one Kubernetes knows"),
    INVALID_TIMESTAMP("the value is not an RFC 3339 timestamp");

    private final String summary;

    Reason(String summary) {
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }
}
