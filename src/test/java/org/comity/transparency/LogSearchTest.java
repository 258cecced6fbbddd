package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.comity.shared.CountryCode;
import org.comity.testing.NodeTest;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.JdbcLogStore.Filter;
import org.comity.transparency.persistence.JdbcLogStore.StateRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Search, filter choices and refusal-ground counts over the coarse index (V24) give exactly what
 * reading every entry gives, over batches of thousands of entries (where offsets matter) and rare codes
 * that only a few batches hold, page by page.
 */
@NodeTest
@TestPropertySource(properties = "comity.transparency.checkpoint-interval=0s")
class LogSearchTest {

    static final int COUNT = 9_000;

    @Autowired
    TransparencyLog log;

    @Autowired
    JdbcLogStore store;

    static List<PublicMetadata> all = new ArrayList<>();

    /** A rare State and ground: QZ asks, refused for persecution, at a few spread-out indexes. */
    static LogEvent rare(long i) {
        return new LogEvent(
                UUID.nameUUIDFromBytes(("rare-" + i).getBytes(StandardCharsets.UTF_8)),
                PublicMetadata.of(
                        EventType.REQUEST_DECIDED,
                        CountryCode.of("QZ"),
                        CountryCode.of("XB"),
                        "stored-data",
                        List.of("uncc"),
                        List.of("illegal-access"),
                        false,
                        Outcome.REFUSED,
                        List.of("persecution"),
                        LocalDate.of(2027, 2, 1 + (int) (i % 28))),
                "{}".getBytes(StandardCharsets.UTF_8),
                LocalDate.of(2032, 2, 1));
    }

    @BeforeEach
    void fill() throws Exception {
        if (log.size() > 0) {
            return;
        }
        var futures = new ArrayList<CompletableFuture<Appended>>();
        for (long i = 0; i < COUNT; i++) {
            futures.add(log.appendAsync(i % 2_111 == 7 ? rare(i) : LogEvents.event(i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        assertThat(log.awaitCheckpoint(COUNT, Duration.ofSeconds(30))).isTrue();
        for (long i = 0; i < COUNT; i++) {
            all.add(LogEntry.parse(log.entry(i)).metadata());
        }
    }

    @Test
    void everyFilterFindsExactlyTheMatchingEntriesPageByPage() {
        var filters = new TreeMap<String, Filter>();
        filters.put("any", Filter.ANY);
        filters.put("state", new Filter("XA", StateRole.ANY, null, null, null, null, null));
        filters.put("rare state", new Filter("QZ", StateRole.ANY, null, null, null, null, null));
        filters.put("rare state requested", new Filter("QZ", StateRole.REQUESTED, null, null, null, null, null));
        filters.put("requested", new Filter("XC", StateRole.REQUESTED, null, null, null, null, null));
        filters.put("kind event", new Filter(null, StateRole.ANY, "stored-data", "request-decided", null, null, null));
        filters.put(
                "requesting kind outcome",
                new Filter("QM", StateRole.REQUESTING, "traffic-data", null, "refused", null, null));
        filters.put("outcome", new Filter(null, StateRole.ANY, null, null, "granted", null, null));
        filters.put(
                "days",
                new Filter(null, StateRole.ANY, null, null, null, LocalDate.of(2026, 3, 5), LocalDate.of(2026, 4, 2)));
        filters.put("from", new Filter(null, StateRole.ANY, null, null, null, LocalDate.of(2026, 12, 1), null));
        filters.put("to", new Filter("XB", StateRole.ANY, null, null, null, null, LocalDate.of(2026, 1, 31)));
        filters.put("none", new Filter("XA", StateRole.REQUESTED, "no-such-kind", null, null, null, null));
        for (var f : filters.entrySet()) {
            List<Long> expected = new ArrayList<>();
            for (int i = COUNT - 1; i >= 0; i--) {
                if (matches(f.getValue()).test(all.get(i))) {
                    expected.add((long) i);
                }
            }
            // Every page of 200 from the newest, then the first page below an index in the middle.
            List<Long> found = new ArrayList<>();
            long before = COUNT;
            while (true) {
                var page = log.search(f.getValue(), before, 200);
                page.forEach(e -> found.add(e.index()));
                page.forEach(e -> assertThat(e.entry()).isEqualTo(log.entry(e.index())));
                if (page.size() < 200) {
                    break;
                }
                before = page.getLast().index();
            }
            assertThat(found).as(f.getKey()).isEqualTo(expected);
            assertThat(log.search(f.getValue(), 5_000L, 7).stream()
                            .map(JdbcLogStore.IndexedEntry::index)
                            .toList())
                    .as(f.getKey() + " below 5000")
                    .isEqualTo(expected.stream().filter(i -> i < 5_000).limit(7).toList());
        }
    }

    @Test
    void filterChoicesAndGroundCountsAreThoseOfTheEntriesBelowTheSize() {
        for (long size : List.of((long) COUNT, 4_100L, 7L)) {
            var states = new TreeSet<String>();
            var kinds = new TreeSet<String>();
            Map<String, Long> grounds = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                var m = all.get(i);
                states.add(m.requesting().value());
                states.add(m.requested().value());
                kinds.add(m.kind());
                m.refusalGrounds().forEach(g -> grounds.merge(g, 1L, Long::sum));
            }
            var listed = new TreeSet<>(store.distinct(JdbcLogStore.Column.REQUESTING, size));
            listed.addAll(store.distinct(JdbcLogStore.Column.REQUESTED, size));
            assertThat(listed).as("states below " + size).isEqualTo(states);
            assertThat(store.distinct(JdbcLogStore.Column.KIND, size))
                    .as("kinds below " + size)
                    .containsExactlyElementsOf(kinds);
            assertThat(new TreeMap<>(store.refusalGrounds(size)))
                    .as("grounds below " + size)
                    .isEqualTo(grounds);
        }
    }

    private static Predicate<PublicMetadata> matches(Filter f) {
        return m -> (f.state() == null
                        || switch (f.role()) {
                            case REQUESTING -> m.requesting().value().equals(f.state());
                            case REQUESTED -> m.requested().value().equals(f.state());
                            case ANY ->
                                m.requesting().value().equals(f.state())
                                        || m.requested().value().equals(f.state());
                        })
                && (f.kind() == null || m.kind().equals(f.kind()))
                && (f.event() == null || m.event().code().equals(f.event()))
                && (f.outcome() == null
                        || (m.outcome() != null && m.outcome().code().equals(f.outcome())))
                && (f.from() == null || !m.day().isBefore(f.from()))
                && (f.to() == null || !m.day().isAfter(f.to()));
    }
}
