package org.flinkop.adapters.kubernetes.deploy;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.util.Map;
import org.flinkop.domain.config.MemorySize;
import org.flinkop.domain.config.Quantity;
import org.flinkop.domain.resource.FlinkVersion;
import org.flinkop.domain.resource.Resource;
import org.flinkop.ports.PortFailure;

/**
 * The resources of one JobManager or TaskManager container, as Flink's Kubernetes integration sizes it: memory is
 * the process size in mebibytes (requested, and limited by the limit factor), cpu as given (limited by its
 * factor), ephemeral storage as a Kubernetes quantity when set.
 *
 * @param processMemoryMib  the Flink process size; what the container requests
 * @param memoryLimitFactor the memory limit over the request
 * @param cpu               the cores requested
 * @param cpuLimitFactor    the cpu limit over the request
 * @param ephemeralStorage  a Kubernetes quantity, or null
 * @param memoryFromSpec    whether the spec set the memory (then it overrides the Flink configuration)
 */
record ProcessResources(long processMemoryMib, double memoryLimitFactor, double cpu, double cpuLimitFactor, String ephemeralStorage,
        boolean memoryFromSpec) {

    private static final long MIB = 1L << 20;

    /** The two kinds of Flink process, with the keys and defaults Flink uses for each. */
    enum Process {
        JOB_MANAGER("spec.jobManager", "jobmanager", 1600),
        TASK_MANAGER("spec.taskManager", "taskmanager", 1728);

        private final String field;
        private final String prefix;
        private final long defaultMib;

        Process(String field, String prefix, long defaultMib) {
            this.field = field;
            this.prefix = prefix;
            this.defaultMib = defaultMib;
        }

        String processSizeKey() {
            return prefix + ".memory.process.size";
        }

        String flinkSizeKey() {
            return prefix + ".memory.flink.size";
        }

        /** The cpu key of a Flink version: {@code .amount} from 1.17 on. */
        String cpuKey(FlinkVersion version) {
            return "kubernetes." + prefix + ".cpu" + (version.isAtLeast(FlinkVersion.V1_17) ? ".amount" : "");
        }

        String cpuLimitFactorKey() {
            return "kubernetes." + prefix + ".cpu.limit-factor";
        }

        String memoryLimitFactorKey() {
            return "kubernetes." + prefix + ".memory.limit-factor";
        }
    }

    /** Reads a process's resources from the spec first, then from the Flink configuration, then Flink's defaults. */
    static Either<PortFailure, ProcessResources> of(Process process, Resource resource, Map<String, String> configuration, FlinkVersion version) {
        String field = process.field + ".resource";
        Either<PortFailure, Long> memory = memoryMib(process, resource, configuration);
        Either<PortFailure, Double> cpu = resource != null && resource.cpu() != null
                ? positive(field + ".cpu", resource.cpu())
                : configuredNumber(configuration, process.cpuKey(version), 1.0);
        Either<PortFailure, Double> cpuFactor = configuredNumber(configuration, process.cpuLimitFactorKey(), 1.0).flatMap(f -> atLeastOne(process.cpuLimitFactorKey(), f));
        Either<PortFailure, Double> memoryFactor = configuredNumber(configuration, process.memoryLimitFactorKey(), 1.0)
                .flatMap(f -> atLeastOne(process.memoryLimitFactorKey(), f));
        String storage = resource == null ? null : resource.ephemeralStorage();
        if (storage != null && Quantity.parse(storage).filter(q -> q.signum() > 0).isEmpty()) {
            return Rejections.reject(field + ".ephemeralStorage", "'" + storage + "' is not a Kubernetes quantity", "a size such as 1Gi or 500M");
        }
        boolean fromSpec = resource != null && resource.memory() != null;
        return memory.flatMap(m -> cpu.flatMap(c -> cpuFactor.flatMap(cf -> memoryFactor.map(mf -> new ProcessResources(m, mf, c, cf, storage, fromSpec)))));
    }

    /** The process size in Flink's syntax, as the configuration carries it. */
    String processSizeValue() {
        return processMemoryMib + "m";
    }

    /** The memory request: the process size, as Flink's integration sizes the container. */
    String memoryRequest() {
        return CanonicalQuantity.mebibytes(processMemoryMib);
    }

    String memoryLimit() {
        return CanonicalQuantity.mebibytes(Math.round(processMemoryMib * memoryLimitFactor));
    }

    /** The cpu as Flink's configuration takes it: a plain number. */
    String cpuValue() {
        return BigDecimal.valueOf(cpu).stripTrailingZeros().toPlainString();
    }

    String cpuRequest() {
        return CanonicalQuantity.decimal(BigDecimal.valueOf(cpu));
    }

    String cpuLimit() {
        return CanonicalQuantity.decimal(BigDecimal.valueOf(cpu).multiply(BigDecimal.valueOf(cpuLimitFactor)));
    }

    /** The ephemeral storage as Kubernetes stores it, or null. */
    String ephemeralStorageQuantity() {
        return ephemeralStorage == null ? null : CanonicalQuantity.of(ephemeralStorage);
    }

    private static Either<PortFailure, Long> memoryMib(Process process, Resource resource, Map<String, String> configuration) {
        if (resource != null && resource.memory() != null) {
            return MemorySize.parseBytes(resource.memory()).map(bytes -> bytes / MIB).filter(mib -> mib > 0)
                    .toEither(() -> Rejections.of(process.field + ".resource.memory", "'" + resource.memory() + "' is not a memory size",
                            "a Flink size such as 2048m or 2g, or a Kubernetes quantity such as 2Gi"));
        }
        String processSize = configuration.get(process.processSizeKey());
        if (processSize != null) {
            return configuredMib(process.processSizeKey(), processSize);
        }
        String flinkSize = configuration.get(process.flinkSizeKey());
        if (flinkSize != null) {
            return configuredMib(process.flinkSizeKey(), flinkSize).map(ProcessResources::processFromFlinkSize);
        }
        return Either.right(process.defaultMib);
    }

    /**
     * The process size Flink derives from a total Flink memory: plus 256 MiB of metaspace and a JVM overhead of a
     * tenth of the process, at least 192 MiB and at most 1 GiB (Flink's defaults).
     */
    private static long processFromFlinkSize(long flinkMib) {
        long withMetaspace = flinkMib + 256;
        long process = Math.round(withMetaspace / 0.9);
        long overhead = process - withMetaspace;
        return overhead < 192 ? withMetaspace + 192 : overhead > 1024 ? withMetaspace + 1024 : process;
    }

    private static Either<PortFailure, Long> configuredMib(String key, String value) {
        return MemorySize.parseBytes(value).map(bytes -> bytes / MIB).filter(mib -> mib > 0)
                .toEither(() -> Rejections.of("spec.flinkConfiguration." + key, "'" + value + "' is not a memory size", "a Flink size such as 2048m"));
    }

    private static Either<PortFailure, Double> configuredNumber(Map<String, String> configuration, String key, double fallback) {
        String value = configuration.get(key);
        if (value == null) {
            return Either.right(fallback);
        }
        Option<Double> parsed = Option.of(value.trim()).flatMap(v -> {
            try {
                return Option.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return Option.none();
            }
        });
        return parsed.toEither(() -> Rejections.of("spec.flinkConfiguration." + key, "'" + value + "' is not a number", "a positive number"))
                .flatMap(n -> positive("spec.flinkConfiguration." + key, n));
    }

    private static Either<PortFailure, Double> positive(String field, double value) {
        return value > 0 && Double.isFinite(value) ? Either.right(value) : Rejections.reject(field, value + " is not above zero", "a positive number");
    }

    private static Either<PortFailure, Double> atLeastOne(String key, double value) {
        return value >= 1.0 ? Either.right(value) : Rejections.reject("spec.flinkConfiguration." + key, value + " is below 1", "a factor of 1 or more");
    }
}
