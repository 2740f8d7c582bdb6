package org.flinkop.testkit.kubelet;

import java.util.List;
import java.util.Optional;

/**
 * What Flink's image entrypoint ({@code /docker-entrypoint.sh}) runs for its first argument, as a process of
 * this machine: the main class of the JVM and which memory parameters Flink's scripts compute for it. The other
 * arguments are passed on, as the entrypoint passes them.
 */
enum FlinkEntrypoint {
    /** A session cluster's JobManager. */
    JOBMANAGER("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS"),
    /** An application cluster's JobManager, with the job's class and arguments. */
    STANDALONE_JOB("standalone-job", "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint", "GET_JM_RESOURCE_PARAMS"),
    TASKMANAGER("taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "GET_TM_RESOURCE_PARAMS");

    private final String argument;
    private final String mainClass;
    private final String resourceParams;

    FlinkEntrypoint(String argument, String mainClass, String resourceParams) {
        this.argument = argument;
        this.mainClass = mainClass;
        this.resourceParams = resourceParams;
    }

    /** The entrypoint a container's arguments ask for; empty for anything else (native mode's {@code kubernetes-jobmanager.sh}, other images). */
    static Optional<FlinkEntrypoint> of(List<String> args) {
        if (args == null || args.isEmpty()) {
            return Optional.empty();
        }
        for (FlinkEntrypoint entrypoint : values()) {
            if (entrypoint.argument.equals(args.get(0))) {
                return Optional.of(entrypoint);
            }
        }
        return Optional.empty();
    }

    String mainClass() {
        return mainClass;
    }

    /** The {@code BashJavaUtils} command that prints this process's JVM flags and memory settings. */
    String resourceParams() {
        return resourceParams;
    }
}
