package org.comity.transparency.web;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.comity.transparency.LogStatistics;
import org.comity.transparency.TransparencyLog;
import org.comity.treaty.Treaties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Statistics from the log as charts drawn on the server ({@link SvgChart}), each with a table of the
 * same numbers. Everything is computed from the published entries only, like {@code /api/log/statistics}
 * and {@code comity log stats}, and the rendered charts are kept per tree size and language.
 */
@Controller
class LogStatisticsPage {

    /** Most series drawn in one chart; the rest are summed as "other". */
    static final int SERIES = 8;

    /** Most months drawn. */
    static final int MONTHS = 120;

    private static final Set<String> NEW_REQUEST = Set.of("request-sent", "request-received");

    private final TransparencyLog log;
    private final MessageSource messages;
    private final Treaties treaties;
    private final Map<Locale, Charts> cache = new ConcurrentHashMap<>();

    LogStatisticsPage(TransparencyLog log, MessageSource messages, Treaties treaties) {
        this.log = log;
        this.messages = messages;
        this.treaties = treaties;
    }

    /** A chart and its data table: columns are the series, rows the categories (months). */
    record Chart(String id, String title, String description, String svg, List<String> columns, List<TableRow> rows) {}

    record TableRow(String label, List<Long> values, long total) {}

    record Charts(long treeSize, long grounds, List<Chart> charts) {}

    @GetMapping("/log/statistics")
    String page(Model model, Locale locale) {
        var statistics = log.statistics(LogStatistics.Granularity.MONTH);
        var grounds = log.refusalGrounds();
        Charts charts = cache.get(locale);
        if (charts == null || charts.treeSize() != statistics.treeSize() || charts.grounds() != grounds.treeSize()) {
            charts = new Charts(statistics.treeSize(), grounds.treeSize(), charts(statistics, grounds, locale));
            // A locale can come from a cookie: keep the cache small whatever readers send.
            if (cache.size() >= 16) {
                cache.clear();
            }
            cache.put(locale, charts);
        }
        model.addAttribute("treeSize", statistics.treeSize());
        model.addAttribute("charts", charts.charts());
        return "transparency/statistics";
    }

    private List<Chart> charts(LogStatistics statistics, TransparencyLog.GroundCounts grounds, Locale locale) {
        var words = new Words(messages, locale, treaties);
        var months = months(statistics);
        var requests = statistics.rows().stream()
                .filter(r -> NEW_REQUEST.contains(r.event()))
                .toList();
        var decisions = statistics.rows().stream()
                .filter(r -> r.event().equals("request-decided"))
                .toList();
        var charts = new ArrayList<Chart>();
        charts.add(monthly(
                "requesting", "log.stats.requesting", months, requests, r -> words.state(r.requesting()), locale));
        charts.add(
                monthly("requested", "log.stats.requested", months, requests, r -> words.state(r.requested()), locale));
        charts.add(monthly("kind", "log.stats.kind", months, requests, r -> words.kind(r.kind()), locale));
        charts.add(monthly("outcome", "log.stats.outcome", months, decisions, r -> words.outcome(r.outcome()), locale));

        var labels = new ArrayList<String>();
        var values = new ArrayList<Long>();
        var rows = new ArrayList<TableRow>();
        grounds.counts().forEach((code, count) -> {
            labels.add(words.ground(code));
            values.add(count);
            rows.add(new TableRow(words.ground(code), List.of(count), count));
        });
        String title = text("log.stats.grounds.title", locale);
        String description = text("log.stats.grounds.description", locale);
        charts.add(new Chart(
                "grounds",
                title,
                description,
                SvgChart.bars("chart-grounds", title, description, labels, values, text("log.stats.nodata", locale)),
                List.of(text("log.stats.count", locale)),
                rows));
        return charts;
    }

    private Chart monthly(
            String id,
            String key,
            List<String> months,
            List<LogStatistics.Row> rows,
            Function<LogStatistics.Row, String> seriesOf,
            Locale locale) {
        Map<String, long[]> bySeries = new TreeMap<>();
        Map<String, Integer> monthIndex = new LinkedHashMap<>();
        for (int i = 0; i < months.size(); i++) {
            monthIndex.put(months.get(i), i);
        }
        for (var row : rows) {
            if (!monthIndex.containsKey(row.period())) {
                continue;
            }
            bySeries.computeIfAbsent(seriesOf.apply(row), s -> new long[months.size()])[monthIndex.get(row.period())] +=
                    row.count();
        }
        var series = new ArrayList<SvgChart.Series>();
        bySeries.forEach((name, counts) -> series.add(new SvgChart.Series(
                name, java.util.Arrays.stream(counts).boxed().toList())));
        var shown = SvgChart.top(series, SERIES, text("log.stats.other", locale));
        var data = new SvgChart.Data(months, shown);
        String title = text(key + ".title", locale);
        String description = text(key + ".description", locale);
        var table = new ArrayList<TableRow>();
        for (int m = 0; m < months.size(); m++) {
            int month = m;
            var values = shown.stream().map(s -> s.values().get(month)).toList();
            long total = data.total(m);
            if (total > 0) {
                table.add(new TableRow(months.get(m), values, total));
            }
        }
        return new Chart(
                id,
                title,
                description,
                SvgChart.stackedBars("chart-" + id, title, description, data, text("log.stats.nodata", locale)),
                shown.stream().map(SvgChart.Series::name).toList(),
                table);
    }

    /** Every month from the first to the last in the statistics, gaps included, so time reads evenly. */
    static List<String> months(LogStatistics statistics) {
        var periods = statistics.rows().stream()
                .map(LogStatistics.Row::period)
                .map(YearMonth::parse)
                .sorted()
                .toList();
        var out = new ArrayList<String>();
        if (periods.isEmpty()) {
            return out;
        }
        // At most the last ten years: more months would make an unreadable chart (the JSON and CSV keep
        // everything).
        YearMonth first = periods.getFirst().isBefore(periods.getLast().minusMonths(MONTHS - 1))
                ? periods.getLast().minusMonths(MONTHS - 1)
                : periods.getFirst();
        for (YearMonth m = first; !m.isAfter(periods.getLast()); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
