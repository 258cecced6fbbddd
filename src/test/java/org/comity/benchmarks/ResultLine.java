package org.comity.benchmarks;

import java.util.Locale;

/**
 * The one machine-readable line a tool prints per measure, beside its human output, for {@code
 * bench/run}'s table: {@code RESULT name=… value=… unit=… baseline=… target=…}. The baseline is
 * measured in the same run ({@code -} when the tool has none); the target is a comparison of the
 * value or of value/baseline ({@code value<50}, {@code ratio>=0.5}, {@code -} for none), so the runner
 * judges pass or fail without knowing the tool.
 */
final class ResultLine {

    private ResultLine() {}

    static void print(String name, double value, String unit, double baseline, String target) {
        System.out.println(String.format(
                Locale.ROOT,
                "RESULT name=%s value=%.3f unit=%s baseline=%s target=%s",
                name,
                value,
                unit,
                Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.3f", baseline),
                target));
    }

    static void print(String name, double value, String unit, String target) {
        print(name, value, unit, Double.NaN, target);
    }
}
