/**
 * JMH benchmarks. Each compares a Postino matcher or mailet with the closest James standard
 * matcher or mailet in the same JVM and the same run, so the figures are ratios, not absolute
 * timings. Run with {@code ./postino bench [regex]}; results go to {@code docs/benchmarks.md}.
 */
package dev.postino.benchmarks;
