package io.dnsplane.bench;

import java.time.Duration;
import java.util.List;

/** Settings of a whole benchmark, as its report states them. */
record BenchSettings(int runs, List<Integer> sizes, List<Integer> rates, Duration latencyLength, Duration steadyWindow,
    int clusters, int partitions, List<String> serviceJavaOptions, boolean quick) {}
