/**
 * JMH benchmarks. They are compiled with the tests but never run by {@code ./mvnw verify}; run them
 * with {@code ./mvnw -Pbench test-compile exec:exec -Dbench=<regex>} and report the numbers in the
 * issue note. Class names end in {@code Benchmark} so Surefire ignores them.
 */
package org.comity.benchmarks;
