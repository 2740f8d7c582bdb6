package org.flinkop.runtime.operator.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram: counts of observations at or under each upper bound, their sum and their count.
 * Lock-free; a scrape that runs while observations arrive may see a count one ahead of a bucket, as Prometheus
 * clients allow.
 */
final class Histogram {

    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    /** @param bounds the upper bounds of the buckets, increasing; {@code +Inf} is added */
    Histogram(double... bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double value) {
        int bucket = Arrays.binarySearch(bounds, value);
        counts[bucket >= 0 ? bucket : -bucket - 1].increment();
        sum.add(value);
        count.increment();
    }

    /** Writes the {@code _bucket} (cumulative, with {@code le}), {@code _sum} and {@code _count} samples under {@code labels}. */
    void write(PrometheusText out, String name, Map<String, String> labels) {
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += counts[i].sum();
            Map<String, String> withBound = new LinkedHashMap<>(labels);
            withBound.put("le", i < bounds.length ? PrometheusText.number(bounds[i]) : "+Inf");
            out.sample(name + "_bucket", withBound, cumulative);
        }
        out.sample(name + "_sum", labels, sum.sum());
        out.sample(name + "_count", labels, count.sum());
    }
}
