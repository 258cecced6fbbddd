package org.comity.transparency.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Bar charts as inline SVG, rendered on the server so the statistics need no JavaScript. Each chart
 * is an image with its own title and description ({@code role="img"}, {@code aria-labelledby}); the
 * page puts the same numbers in a table next to it. Every text reaching the SVG is XML-escaped here,
 * because the page inserts the SVG unescaped.
 */
final class SvgChart {

    /** Colours of the series, distinguishable and at least 3:1 against white (WCAG 1.4.11). */
    static final List<String> PALETTE =
            List.of("#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be123c", "#4b5563");

    private static final int WIDTH = 720;
    private static final int PLOT_TOP = 16;
    private static final int PLOT_HEIGHT = 220;
    private static final int AXIS_START = 56;
    private static final int PLOT_END = WIDTH - 16;

    private SvgChart() {}

    /** One named row of values, one per category. */
    record Series(String name, List<Long> values) {
        Series {
            Objects.requireNonNull(name);
            values = List.copyOf(values);
        }
    }

    /** Categories along the axis (months, say) and the series stacked on each. */
    record Data(List<String> categories, List<Series> series) {
        Data {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
            for (Series s : series) {
                if (s.values().size() != categories.size()) {
                    throw new IllegalArgumentException("series " + s.name() + " needs one value per category");
                }
            }
        }

        long total(int category) {
            long sum = 0;
            for (Series s : series) {
                sum += s.values().get(category);
            }
            return sum;
        }

        long max() {
            long max = 0;
            for (int i = 0; i < categories.size(); i++) {
                max = Math.max(max, total(i));
            }
            return max;
        }

        boolean isEmpty() {
            return max() == 0;
        }
    }

    /**
     * Vertical bars, one per category, each stacked from its series, with a value axis and a legend.
     *
     * @param id unique on the page: the ids of the title and description derive from it
     * @param noData the sentence shown instead of bars when every value is zero
     */
    static String stackedBars(String id, String title, String description, Data data, String noData) {
        var svg = new StringBuilder(4096);
        int legendRows = (data.series().size() + 2) / 3;
        int height = PLOT_TOP + PLOT_HEIGHT + 40 + legendRows * 22 + 8;
        open(svg, id, title, description, height);
        if (data.isEmpty()) {
            return noData(svg, noData, height);
        }
        long top = niceCeiling(data.max());
        axis(svg, top);
        int n = data.categories().size();
        double slot = (double) (PLOT_END - AXIS_START) / n;
        double barWidth = Math.max(2, Math.min(48, slot * 0.7));
        int bottom = PLOT_TOP + PLOT_HEIGHT;
        for (int c = 0; c < n; c++) {
            double x = AXIS_START + c * slot + (slot - barWidth) / 2;
            double y = bottom;
            for (int s = 0; s < data.series().size(); s++) {
                long value = data.series().get(s).values().get(c);
                if (value == 0) {
                    continue;
                }
                double h = PLOT_HEIGHT * (double) value / top;
                y -= h;
                svg.append("<rect x=\"")
                        .append(num(x))
                        .append("\" y=\"")
                        .append(num(y))
                        .append("\" width=\"")
                        .append(num(barWidth))
                        .append("\" height=\"")
                        .append(num(h))
                        .append("\" fill=\"")
                        .append(colour(s))
                        .append("\"><title>")
                        .append(escape(data.categories().get(c) + " · "
                                + data.series().get(s).name() + ": " + value))
                        .append("</title></rect>");
            }
            // Label every category when they fit, else about twelve of them.
            int every = Math.max(1, (int) Math.ceil(n / 12.0));
            if (c % every == 0) {
                svg.append("<text x=\"")
                        .append(num(x + barWidth / 2))
                        .append("\" y=\"")
                        .append(bottom + 18)
                        .append("\" text-anchor=\"middle\" class=\"chart-label\">")
                        .append(escape(data.categories().get(c)))
                        .append("</text>");
            }
        }
        legend(svg, data.series(), bottom + 40);
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per label, longest first as given. */
    static String bars(
            String id, String title, String description, List<String> labels, List<Long> values, String noData) {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException("one value per label");
        }
        int rowHeight = 28;
        int height = Math.max(80, labels.size() * rowHeight + 24);
        var svg = new StringBuilder(2048);
        open(svg, id, title, description, height);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        if (max == 0) {
            return noData(svg, noData, height);
        }
        int labelWidth = 260;
        int barSpace = PLOT_END - labelWidth - 48;
        for (int i = 0; i < labels.size(); i++) {
            int y = 12 + i * rowHeight;
            double w = Math.max(1, barSpace * (double) values.get(i) / max);
            svg.append("<text x=\"")
                    .append(labelWidth - 8)
                    .append("\" y=\"")
                    .append(y + 15)
                    .append("\" text-anchor=\"end\" class=\"chart-label\">")
                    .append(escape(truncate(labels.get(i), 40)))
                    .append("</text><rect x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(num(w))
                    .append("\" height=\"20\" fill=\"")
                    .append(colour(0))
                    .append("\"><title>")
                    .append(escape(labels.get(i) + ": " + values.get(i)))
                    .append("</title></rect><text x=\"")
                    .append(num(labelWidth + w + 6))
                    .append("\" y=\"")
                    .append(y + 15)
                    .append("\" class=\"chart-value\">")
                    .append(values.get(i))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static void open(StringBuilder svg, String id, String title, String description, int height) {
        String safeId = id.replaceAll("[^A-Za-z0-9-]", "-");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"log-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" aria-labelledby=\"")
                .append(safeId)
                .append("-title ")
                .append(safeId)
                .append("-desc\"><title id=\"")
                .append(safeId)
                .append("-title\">")
                .append(escape(title))
                .append("</title><desc id=\"")
                .append(safeId)
                .append("-desc\">")
                .append(escape(description))
                .append("</desc>");
    }

    private static String noData(StringBuilder svg, String message, int height) {
        return svg.append("<text x=\"")
                .append(WIDTH / 2)
                .append("\" y=\"")
                .append(height / 2)
                .append("\" text-anchor=\"middle\" class=\"chart-empty\">")
                .append(escape(message))
                .append("</text></svg>")
                .toString();
    }

    private static void axis(StringBuilder svg, long top) {
        int bottom = PLOT_TOP + PLOT_HEIGHT;
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            double y = bottom - PLOT_HEIGHT * i / 4.0;
            svg.append("<line x1=\"")
                    .append(AXIS_START)
                    .append("\" x2=\"")
                    .append(PLOT_END)
                    .append("\" y1=\"")
                    .append(num(y))
                    .append("\" y2=\"")
                    .append(num(y))
                    .append("\" class=\"chart-grid\"/><text x=\"")
                    .append(AXIS_START - 6)
                    .append("\" y=\"")
                    .append(num(y + 4))
                    .append("\" text-anchor=\"end\" class=\"chart-label\">")
                    .append(value)
                    .append("</text>");
        }
    }

    private static void legend(StringBuilder svg, List<Series> series, int y) {
        int column = (PLOT_END - AXIS_START) / 3;
        for (int s = 0; s < series.size(); s++) {
            int x = AXIS_START + (s % 3) * column;
            int row = y + (s / 3) * 22;
            svg.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(row - 11)
                    .append("\" width=\"14\" height=\"14\" fill=\"")
                    .append(colour(s))
                    .append("\"/><text x=\"")
                    .append(x + 20)
                    .append("\" y=\"")
                    .append(row)
                    .append("\" class=\"chart-label\">")
                    .append(escape(truncate(series.get(s).name(), 34)))
                    .append("</text>");
        }
    }

    /** The smallest 1, 2 or 5 × 10^k at or above {@code max}, divisible by 4 ticks where it can be. */
    static long niceCeiling(long max) {
        if (max <= 4) {
            return 4;
        }
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 4, 5, 8, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String colour(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** XML text and attribute escaping. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Characters XML 1.0 forbids would make the whole page's SVG invalid.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The series with the most in total first, the rest summed as {@code other} beyond {@code keep}. */
    static List<Series> top(List<Series> series, int keep, String other) {
        var sorted = new ArrayList<>(series);
        sorted.sort((a, b) -> Long.compare(sum(b), sum(a)));
        if (sorted.size() <= keep) {
            return sorted;
        }
        var kept = new ArrayList<>(sorted.subList(0, keep - 1));
        int n = sorted.getFirst().values().size();
        var rest = new ArrayList<Long>(n);
        for (int i = 0; i < n; i++) {
            long sum = 0;
            for (Series s : sorted.subList(keep - 1, sorted.size())) {
                sum += s.values().get(i);
            }
            rest.add(sum);
        }
        kept.add(new Series(other, rest));
        return kept;
    }

    private static long sum(Series s) {
        return s.values().stream().mapToLong(Long::longValue).sum();
    }
}
