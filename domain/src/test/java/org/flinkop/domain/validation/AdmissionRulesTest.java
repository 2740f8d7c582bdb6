package org.flinkop.domain.validation;

import static org.flinkop.domain.Docs.remove;
import static org.flinkop.domain.Docs.set;
import static org.flinkop.domain.Docs.tree;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flinkop.domain.Docs;
import org.flinkop.domain.admission.Admission;
import org.flinkop.domain.resource.FlinkResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: a valid document, one edit, and the violation (path and reason) it must produce. */
class AdmissionRulesTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                // document shape
                row("wrong apiVersion", Docs::application, d -> set(d, "apiVersion", "flink.apache.org/v1alpha1"), "apiVersion", Reason.WRONG_API_VERSION),
                row("unknown kind", Docs::application, d -> set(d, "kind", "FlinkCluster"), "kind", Reason.UNKNOWN_KIND),
                row("missing kind", Docs::application, d -> remove(d, "kind"), "kind", Reason.MISSING_FIELD),
                row("missing spec", Docs::application, d -> remove(d, "spec"), "spec", Reason.MISSING_FIELD),
                row("misspelled field", Docs::application, d -> set(remove(d, "spec.job.parallelism"), "spec.job.paralelism", 2), "spec.job.paralelism", Reason.UNKNOWN_FIELD),
                row("misspelled top-level spec field", Docs::application, d -> set(d, "spec.flinkVerison", "v1_20"), "spec.flinkVerison", Reason.UNKNOWN_FIELD),
                row("string where a number belongs", Docs::application, d -> set(d, "spec.job.parallelism", "two"), "spec.job.parallelism", Reason.WRONG_TYPE),
                row("fraction where a whole number belongs", Docs::application, d -> set(d, "spec.job.parallelism", 2.5), "spec.job.parallelism", Reason.WRONG_TYPE),
                row("list where an object belongs", Docs::application, d -> set(d, "spec.jobManager", java.util.List.of("a")), "spec.jobManager", Reason.WRONG_TYPE),
                row("number where a string belongs", Docs::application, d -> set(d, "spec.image", 17), "spec.image", Reason.WRONG_TYPE),
                row("non-boolean flag", Docs::application, d -> set(d, "spec.job.allowNonRestoredState", "yes"), "spec.job.allowNonRestoredState", Reason.WRONG_TYPE),
                row("malformed timestamp", Docs::application, d -> set(d, "metadata.creationTimestamp", "yesterday"), "metadata.creationTimestamp", Reason.INVALID_TIMESTAMP),
                // required fields
                row("missing name", Docs::application, d -> remove(d, "metadata.name"), "metadata.name", Reason.MISSING_FIELD),
                row("missing flinkVersion", Docs::application, d -> remove(d, "spec.flinkVersion"), "spec.flinkVersion", Reason.MISSING_FIELD),
                row("missing JobManager memory", Docs::application, d -> remove(d, "spec.jobManager.resource.memory"), "spec.jobManager.resource.memory", Reason.MISSING_FIELD),
                row("missing TaskManager", Docs::application, d -> remove(d, "spec.taskManager"), "spec.taskManager.resource.memory", Reason.MISSING_FIELD),
                row("missing session job jar", Docs::sessionJob, d -> remove(d, "spec.job.jarURI"), "spec.job.jarURI", Reason.MISSING_FIELD),
                row("missing session job job", Docs::sessionJob, d -> remove(d, "spec.job"), "spec.job", Reason.MISSING_FIELD),
                row("missing snapshot jobReference", Docs::savepointSnapshot, d -> remove(d, "spec.jobReference"), "spec.jobReference", Reason.MISSING_FIELD),
                row("missing snapshot jobReference name", Docs::savepointSnapshot, d -> remove(d, "spec.jobReference.name"), "spec.jobReference.name", Reason.MISSING_FIELD),
                row("missing ingress template", Docs::application, d -> set(d, "spec.ingress", tree("className", "nginx")), "spec.ingress.template", Reason.MISSING_FIELD),
                // enum spellings
                row("upgradeMode in camel case", Docs::application, d -> set(d, "spec.job.upgradeMode", "lastState"), "spec.job.upgradeMode", Reason.UNKNOWN_ENUM_VALUE),
                row("job state upper case", Docs::application, d -> set(d, "spec.job.state", "RUNNING"), "spec.job.state", Reason.UNKNOWN_ENUM_VALUE),
                row("unknown mode", Docs::application, d -> set(d, "spec.mode", "kubernetes"), "spec.mode", Reason.UNKNOWN_ENUM_VALUE),
                row("unknown flinkVersion", Docs::application, d -> set(d, "spec.flinkVersion", "v3_0"), "spec.flinkVersion", Reason.UNKNOWN_ENUM_VALUE),
                row("unknown snapshot format", Docs::savepointSnapshot, d -> set(d, "spec.savepoint.formatType", "canonical"), "spec.savepoint.formatType", Reason.UNKNOWN_ENUM_VALUE),
                row("unknown jobReference kind", Docs::savepointSnapshot, d -> set(d, "spec.jobReference.kind", "Deployment"), "spec.jobReference.kind", Reason.UNKNOWN_ENUM_VALUE),
                row("unknown pull policy", Docs::application, d -> set(d, "spec.imagePullPolicy", "Sometimes"), "spec.imagePullPolicy", Reason.INVALID_PULL_POLICY),
                // quantities
                row("memory without a valid unit", Docs::application, d -> set(d, "spec.taskManager.resource.memory", "2 parsecs"), "spec.taskManager.resource.memory", Reason.INVALID_MEMORY),
                row("zero memory", Docs::application, d -> set(d, "spec.jobManager.resource.memory", "0m"), "spec.jobManager.resource.memory", Reason.INVALID_MEMORY),
                row("cpu as a millicore string", Docs::application, d -> set(d, "spec.jobManager.resource.cpu", "500m"), "spec.jobManager.resource.cpu", Reason.INVALID_CPU),
                row("negative cpu", Docs::application, d -> set(d, "spec.taskManager.resource.cpu", -1), "spec.taskManager.resource.cpu", Reason.INVALID_CPU),
                row("malformed ephemeral storage", Docs::application, d -> set(d, "spec.taskManager.resource.ephemeralStorage", "lots"), "spec.taskManager.resource.ephemeralStorage", Reason.INVALID_QUANTITY),
                // ranges
                row("zero parallelism", Docs::application, d -> set(d, "spec.job.parallelism", 0), "spec.job.parallelism", Reason.OUT_OF_RANGE),
                row("parallelism above Flink's maximum", Docs::sessionJob, d -> set(d, "spec.job.parallelism", 40000), "spec.job.parallelism", Reason.OUT_OF_RANGE),
                row("zero TaskManagers", Docs::application, d -> set(d, "spec.taskManager.replicas", 0), "spec.taskManager.replicas", Reason.OUT_OF_RANGE),
                row("zero JobManagers", Docs::application, d -> set(d, "spec.jobManager.replicas", 0), "spec.jobManager.replicas", Reason.OUT_OF_RANGE),
                row("backoffLimit below -1", Docs::savepointSnapshot, d -> set(d, "spec.backoffLimit", -2), "spec.backoffLimit", Reason.OUT_OF_RANGE),
                row("number beyond 32 bits", Docs::application, d -> set(d, "spec.job.parallelism", 1L << 40), "spec.job.parallelism", Reason.OUT_OF_RANGE),
                row("standby JobManager without HA", Docs::application, d -> set(d, "spec.jobManager.replicas", 2), "spec.jobManager.replicas", Reason.STANDBY_WITHOUT_HA),
                // versions, names
                row("unsupported flinkVersion", Docs::application, d -> set(d, "spec.flinkVersion", "v1_14"), "spec.flinkVersion", Reason.UNSUPPORTED_FLINK_VERSION),
                row("cluster name with upper case", Docs::application, d -> set(d, "metadata.name", "Orders"), "metadata.name", Reason.INVALID_NAME),
                row("cluster name too long", Docs::application, d -> set(d, "metadata.name", "a".repeat(46)), "metadata.name", Reason.INVALID_NAME),
                row("invalid namespace", Docs::sessionJob, d -> set(d, "metadata.namespace", "my_ns"), "metadata.namespace", Reason.INVALID_NAME),
                // directories
                row("last-state without checkpoint directory", Docs::application,
                        d -> set(remove(d, "spec.flinkConfiguration[state.checkpoints.dir]"), "spec.job.upgradeMode", "last-state"), "spec.job.upgradeMode", Reason.CHECKPOINT_DIR_MISSING),
                row("savepoint mode without checkpoint directory", Docs::application,
                        d -> remove(d, "spec.flinkConfiguration[state.checkpoints.dir]"), "spec.job.upgradeMode", Reason.CHECKPOINT_DIR_MISSING),
                row("savepoint mode without savepoint directory", Docs::application,
                        d -> remove(d, "spec.flinkConfiguration[state.savepoints.dir]"), "spec.job.upgradeMode", Reason.SAVEPOINT_DIR_MISSING),
                row("periodic savepoints without savepoint directory", Docs::application,
                        d -> set(set(remove(d, "spec.flinkConfiguration[state.savepoints.dir]"), "spec.job.upgradeMode", "last-state"),
                                "spec.flinkConfiguration[kubernetes.operator.periodic.savepoint.interval]", "6h"), "spec.job", Reason.SAVEPOINT_DIR_MISSING),
                // configuration values
                row("interval that is not a duration", Docs::application,
                        d -> set(d, "spec.flinkConfiguration[kubernetes.operator.periodic.savepoint.interval]", "hourly"),
                        "spec.flinkConfiguration[kubernetes.operator.periodic.savepoint.interval]", Reason.INVALID_DURATION),
                row("task slots that are not a number", Docs::application,
                        d -> set(d, "spec.flinkConfiguration[taskmanager.numberOfTaskSlots]", "two"),
                        "spec.flinkConfiguration[taskmanager.numberOfTaskSlots]", Reason.INVALID_CONFIGURATION),
                row("log configuration Flink does not read", Docs::application,
                        d -> set(d, "spec.logConfiguration", tree("log4j.properties", "rootLogger.level = INFO")),
                        "spec.logConfiguration[log4j.properties]", Reason.INVALID_LOG_CONFIGURATION),
                // session jobs and snapshots
                row("session job without deploymentName", Docs::sessionJob, d -> remove(d, "spec.deploymentName"), "spec.deploymentName", Reason.SESSION_JOB_WITHOUT_DEPLOYMENT),
                row("snapshot with savepoint and checkpoint", Docs::savepointSnapshot, d -> set(d, "spec.checkpoint", tree()), "spec", Reason.SNAPSHOT_TYPE_AMBIGUOUS),
                row("snapshot with neither", Docs::savepointSnapshot, d -> remove(d, "spec.savepoint"), "spec", Reason.SNAPSHOT_TYPE_MISSING),
                row("existing savepoint without path", Docs::savepointSnapshot,
                        d -> set(remove(d, "spec.savepoint.path"), "spec.savepoint.alreadyExists", true), "spec.savepoint.path", Reason.EXISTING_SAVEPOINT_WITHOUT_PATH),
                // jar URIs
                row("jar over plain http", Docs::sessionJob, d -> set(d, "spec.job.jarURI", "http://repo.example.org/job.jar"), "spec.job.jarURI", Reason.JAR_URI_SCHEME_NOT_ALLOWED),
                row("jar from s3", Docs::application, d -> set(d, "spec.job.jarURI", "s3://bucket/job.jar"), "spec.job.jarURI", Reason.JAR_URI_SCHEME_NOT_ALLOWED),
                row("jar without a scheme", Docs::sessionJob, d -> set(d, "spec.job.jarURI", "/opt/job.jar"), "spec.job.jarURI", Reason.JAR_URI_SCHEME_NOT_ALLOWED),
                row("jar URI with a space", Docs::sessionJob, d -> set(d, "spec.job.jarURI", "https://repo.example.org/my job.jar"), "spec.job.jarURI", Reason.INVALID_URI),
                row("https jar without host", Docs::sessionJob, d -> set(d, "spec.job.jarURI", "https:///job.jar"), "spec.job.jarURI", Reason.INVALID_URI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void each_rule_reports_its_field_and_reason(String name, Supplier<Map<String, Object>> base, Consumer<Map<String, Object>> edit, String path, Reason reason) {
        Map<String, Object> valid = base.get();
        assertTrue(Admission.admit(valid, ValidationContext.firstSight()).isRight(), () -> "the base document must be valid: " + Admission.admit(valid, ValidationContext.firstSight()).getLeft());
        Map<String, Object> doc = base.get();
        edit.accept(doc);

        Either<List<Violation>, FlinkResource> result = Admission.admit(doc, ValidationContext.firstSight());

        if (result.isRight()) {
            fail("expected " + reason + " at " + path + " but the document was admitted");
        }
        List<Violation> violations = result.getLeft();
        assertTrue(violations.exists(v -> v.path().equals(path) && v.reason() == reason),
                () -> "expected " + reason + " at " + path + ", got:\n  " + violations.map(Violation::describe).mkString("\n  "));
        violations.forEach(v -> assertTrue(!v.problem().isBlank() && !v.allowed().isBlank(), () -> "every violation says what is wrong and what is allowed: " + v));
    }

    private static Arguments row(String name, Supplier<Map<String, Object>> base, Consumer<Map<String, Object>> edit, String path, Reason reason) {
        return Arguments.of(name, base, edit, path, reason);
    }
}
