package org.comity.transparency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of logged events per period × requesting State × requested State × kind × event × outcome,
 * computed from the entries alone: anyone holding the log's entries gets the same table (the CLI
 * recomputes it from the public tiles). Events without an outcome have an empty outcome.
 *
 * @param treeSize the number of entries counted (the first {@code treeSize} leaves)
 */
public record LogStatistics(Granularity granularity, long treeSize, List<Row> rows) {

    public enum Granularity {
        MONTH,
        YEAR;

        public static Granularity fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public record Row(
            String period,
            String requesting,
            String requested,
            String kind,
            String event,
            String outcome,
            long count) {}

    public LogStatistics {
        rows = List.copyOf(rows);
    }

    /** Accumulates entries in log order. */
    public static final class Builder {
        private final Granularity granularity;
        private final Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
        private long entries;

        public Builder(Granularity granularity) {
            this.granularity = granularity;
        }

        public Builder add(byte[] entryBytes) {
            return add(LogEntry.parse(entryBytes));
        }

        public Builder add(LogEntry entry) {
            PublicMetadata m = entry.metadata();
            String period = granularity == Granularity.YEAR
                    ? String.valueOf(m.day().getYear())
                    : String.format("%04d-%02d", m.day().getYear(), m.day().getMonthValue());
            counts.merge(
                    List.of(
                            period,
                            m.requesting().value(),
                            m.requested().value(),
                            m.kind(),
                            m.event().code(),
                            m.outcome() == null ? "" : m.outcome().code()),
                    1L,
                    Long::sum);
            entries++;
            return this;
        }

        public LogStatistics build() {
            List<Row> rows = new ArrayList<>(counts.size());
            counts.forEach(
                    (k, count) -> rows.add(new Row(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5), count)));
            return new LogStatistics(granularity, entries, rows);
        }
    }

    /** RFC 4180 CSV with a header line; every value is a code, so nothing needs quoting. */
    public String toCsv() {
        StringBuilder out = new StringBuilder("period,requesting,requested,kind,event,outcome,count\r\n");
        for (Row r : rows) {
            out.append(String.join(",", r.period(), r.requesting(), r.requested(), r.kind(), r.event(), r.outcome()))
                    .append(',')
                    .append(r.count())
                    .append("\r\n");
        }
        return out.toString();
    }
}
