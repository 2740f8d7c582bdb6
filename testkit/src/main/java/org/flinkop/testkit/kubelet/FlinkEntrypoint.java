package org.flinkop.testkit.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Flink container runs, as a process of this machine: the main class of the JVM, which memory parameters
 * Flink's scripts compute for it, and how the script hands its arguments on. Standalone containers name the image
 * entrypoint's first argument ({@code jobmanager}, {@code standalone-job}, {@code taskmanager}); native ones run
 * Flink's Kubernetes scripts through the entrypoint's pass-through, wrapped in {@code bash -c} as Flink writes them:
 * {@code kubernetes-jobmanager.sh kubernetes-session|kubernetes-application} (what the deployer writes for a native
 * JobManager) and {@code kubernetes-taskmanager.sh} with its {@code -D} properties (what Flink's JobManager writes
 * into the TaskManager pods it creates).
 */
enum FlinkEntrypoint {
    /** A session cluster's JobManager. */
    JOBMANAGER("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS", Arguments.STANDALONE),
    /** An application cluster's JobManager, with the job's class and arguments. */
    STANDALONE_JOB("standalone-job", "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint", "GET_JM_RESOURCE_PARAMS",
            Arguments.STANDALONE),
    TASKMANAGER("taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "GET_TM_RESOURCE_PARAMS", Arguments.STANDALONE),
    /** A native session cluster's JobManager: it reads the configuration from {@code FLINK_CONF_DIR} and creates its TaskManager pods. */
    KUBERNETES_SESSION("kubernetes-session", "org.apache.flink.kubernetes.entrypoint.KubernetesSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS",
            Arguments.NATIVE_JOB_MANAGER),
    /** A native application cluster's JobManager: the job comes from the configuration. */
    KUBERNETES_APPLICATION("kubernetes-application", "org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint",
            "GET_JM_RESOURCE_PARAMS", Arguments.NATIVE_JOB_MANAGER),
    /** A TaskManager pod a native JobManager created. */
    KUBERNETES_TASKMANAGER("kubernetes-taskmanager", "org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner", "GET_TM_RESOURCE_PARAMS",
            Arguments.NATIVE_TASK_MANAGER);

    static final String JOB_MANAGER_SCRIPT = "kubernetes-jobmanager.sh";
    static final String TASK_MANAGER_SCRIPT = "kubernetes-taskmanager.sh";

    /**
     * How Flink's start script passes arguments to the entry class: {@code STANDALONE}: {@code --configDir}, the
     * memory properties {@code BashJavaUtils} printed, then the container's arguments; {@code NATIVE_JOB_MANAGER}
     * ({@code kubernetes-jobmanager.sh}): those memory properties and the script's arguments, no {@code --configDir}
     * (the entry class reads {@code FLINK_CONF_DIR}); {@code NATIVE_TASK_MANAGER} ({@code kubernetes-taskmanager.sh}):
     * {@code --configDir} and the script's arguments, which already hold the memory properties.
     */
    enum Arguments { STANDALONE, NATIVE_JOB_MANAGER, NATIVE_TASK_MANAGER }

    /** The entry point a container asks for, and the arguments it hands on. */
    record Start(FlinkEntrypoint entrypoint, List<String> args) {
    }

    private final String argument;
    private final String mainClass;
    private final String resourceParams;
    private final Arguments arguments;

    FlinkEntrypoint(String argument, String mainClass, String resourceParams, Arguments arguments) {
        this.argument = argument;
        this.mainClass = mainClass;
        this.resourceParams = resourceParams;
        this.arguments = arguments;
    }

    /**
     * The entry point a container's command and arguments ask for; empty for anything else (other images, other
     * scripts, a {@code bash -c} line whose quotes do not close). A command that is Flink's image entrypoint (or none,
     * the image's own) is left out, as that entrypoint passes a command it does not know through.
     */
    static Optional<Start> of(List<String> command, List<String> args) {
        List<String> words = new ArrayList<>();
        if (command != null && !command.isEmpty() && !command.get(command.size() - 1).endsWith("docker-entrypoint.sh")) {
            words.addAll(command);
        }
        if (args != null) {
            words.addAll(args);
        }
        if (words.size() >= 3 && List.of("bash", "/bin/bash", "sh", "/bin/sh").contains(words.get(0)) && "-c".equals(words.get(1))) {
            Optional<List<String>> line = ShellWords.split(words.get(2));
            if (line.isEmpty()) {
                return Optional.empty();
            }
            words = line.get();
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String first = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        if (first.equals(JOB_MANAGER_SCRIPT)) {
            if (words.size() < 2) {
                return Optional.empty();
            }
            List<String> rest = List.copyOf(words.subList(2, words.size()));
            return named(words.get(1), Arguments.NATIVE_JOB_MANAGER).map(e -> new Start(e, rest));
        }
        if (first.equals(TASK_MANAGER_SCRIPT)) {
            return Optional.of(new Start(KUBERNETES_TASKMANAGER, List.copyOf(words.subList(1, words.size()))));
        }
        List<String> rest = List.copyOf(words.subList(1, words.size()));
        return named(words.get(0), Arguments.STANDALONE).map(e -> new Start(e, rest));
    }

    private static Optional<FlinkEntrypoint> named(String argument, Arguments arguments) {
        for (FlinkEntrypoint entrypoint : values()) {
            if (entrypoint.arguments == arguments && entrypoint.argument.equals(argument)) {
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

    Arguments arguments() {
        return arguments;
    }

    /** Whether the container's own arguments are Flink dynamic properties that {@code BashJavaUtils} must see too (the native scripts pass them). */
    boolean argumentsAreProperties() {
        return arguments != Arguments.STANDALONE;
    }
}
