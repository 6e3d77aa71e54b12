package com.linkwithmentor.user;

import java.util.Arrays;
import java.util.Locale;

/** Latency figures for benchmarks: p50/p95/p99 in milliseconds from recorded nanoseconds. */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static Percentiles of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms", count, p50, p95, p99, max);
    }
}
