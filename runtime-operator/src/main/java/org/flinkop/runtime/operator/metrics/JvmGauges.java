package org.flinkop.runtime.operator.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;

/** The JVM's own figures an operator is judged by: memory in use, and the CPU time the process has spent. */
final class JvmGauges {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    void write(PrometheusText out) {
        out.family("jvm_memory_used_bytes", PrometheusText.Type.GAUGE, "Memory the JVM uses, by area.");
        out.sample("jvm_memory_used_bytes", Map.of("area", "heap"), memory.getHeapMemoryUsage().getUsed());
        out.sample("jvm_memory_used_bytes", Map.of("area", "nonheap"), memory.getNonHeapMemoryUsage().getUsed());
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot && hotspot.getProcessCpuTime() >= 0) {
            out.family("process_cpu_seconds_total", PrometheusText.Type.COUNTER, "CPU time the operator's process has used, user and system.");
            out.sample("process_cpu_seconds_total", hotspot.getProcessCpuTime() / 1e9);
        }
    }
}
