package org.comity.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.shared.CountryCode;
import org.comity.testing.NodeTest;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEntry;
import org.comity.transparency.LogEvent;
import org.comity.transparency.LogEvents;
import org.comity.transparency.Outcome;
import org.comity.transparency.PublicMetadata;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/** The public log pages through MockMvc, without signing in, over a log of varied fictional events. */
@NodeTest
@TestPropertySource(properties = "comity.transparency.checkpoint-interval=0s")
class PublicLogPagesTest {

    static final int COUNT = 60;
    static final Pattern ENTRY_LINK = Pattern.compile("href=\"/log/entries/(\\d+)\"");

    @MockitoSpyBean
    TransparencyLog log;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    /** The refusal the tests look for: XA asked XB, refused for persecution. */
    static LogEvent refusal() {
        return new LogEvent(
                UUID.nameUUIDFromBytes("public-pages-refusal".getBytes(StandardCharsets.UTF_8)),
                PublicMetadata.of(
                        EventType.REQUEST_DECIDED,
                        CountryCode.of("XA"),
                        CountryCode.of("XB"),
                        "stored-data",
                        List.of("uncc"),
                        List.of("illegal-access"),
                        false,
                        Outcome.REFUSED,
                        List.of("persecution"),
                        LocalDate.of(2026, 11, 20)),
                "{\"confidential\":true}".getBytes(StandardCharsets.UTF_8),
                LocalDate.of(2031, 11, 20));
    }

    @BeforeEach
    void fill() {
        if (log.size() == 0) {
            for (int i = 0; i < COUNT; i++) {
                log.append(LogEvents.event(i));
            }
            log.append(refusal());
            assertThat(log.awaitCheckpoint(COUNT + 1, Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void theLogPageIsPublicAndListsEntriesNewestFirstInBoundedPages() throws Exception {
        String page = html("/log");
        assertThat(page).contains(log.verifierKey()).contains("Latest signed checkpoint");
        List<Long> first = indexes(page);
        assertThat(first).hasSize(LogPage.PAGE_SIZE);
        assertThat(first.getFirst()).isEqualTo(COUNT);
        assertThat(first).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // The newest entry in words: States by name (or code), kind, outcome and ground from the bundles.
        assertThat(page)
                .contains("Request decided")
                .contains("Refused")
                .contains("Persecution")
                .contains("Stored data and subscriber information")
                .doesNotContain("Pseudo");

        String older = html("/log?before=" + first.getLast());
        List<Long> second = indexes(older);
        assertThat(second).hasSize(LogPage.PAGE_SIZE);
        assertThat(second.getFirst()).isEqualTo(first.getLast() - 1);
        assertThat(older).contains("Newest entries");
        List<Long> last = indexes(html("/log?before=" + second.getLast()));
        assertThat(last).hasSize(COUNT + 1 - 2 * LogPage.PAGE_SIZE).endsWith(0L);
    }

    @Test
    void filtersFindExactlyTheMatchingEntries() throws Exception {
        var all = new ArrayList<PublicMetadata>();
        for (long i = 0; i <= COUNT; i++) {
            all.add(LogEntry.parse(log.entry(i)).metadata());
        }
        assertThat(indexes(html("/log?state=QM&role=requesting")))
                .containsExactlyElementsOf(
                        expected(all, m -> m.requesting().value().equals("QM")));
        assertThat(indexes(html("/log?state=qm")))
                .containsExactlyElementsOf(expected(
                        all,
                        m -> m.requesting().value().equals("QM")
                                || m.requested().value().equals("QM")));
        assertThat(indexes(html("/log?kind=stored-data&event=request-decided")))
                .containsExactlyElementsOf(
                        expected(all, m -> m.kind().equals("stored-data") && m.event() == EventType.REQUEST_DECIDED));
        assertThat(indexes(html("/log?outcome=refused&from=2026-11-01&to=2026-11-30")))
                .containsExactlyElementsOf(expected(
                        all,
                        m -> m.outcome() == Outcome.REFUSED
                                && !m.day().isBefore(LocalDate.of(2026, 11, 1))
                                && !m.day().isAfter(LocalDate.of(2026, 11, 30))))
                .contains((long) COUNT);
        assertThat(html("/log?state=XA&role=requested&event=request-withdrawn&from=2099-01-01"))
                .contains("No entry matches these filters.");
    }

    @Test
    void badFilterInputIsShownNextToItsFieldWith422() throws Exception {
        String page = mvc.perform(get("/log?state=X1&role=judge&event=burned&from=2026-13-01&to=yesterday"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("id=\"state-error\"", "id=\"role-error\"", "id=\"event-error\"")
                .contains("id=\"from-error\"", "id=\"to-error\"")
                .contains("Choose a State from the list")
                .contains("Enter a date as YYYY-MM-DD")
                .contains("aria-invalid=\"true\"");
        assertThat(indexes(page)).isEmpty();
        mvc.perform(get("/log?from=2026-05-01&to=2026-04-01"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("must not be before the start")));
        mvc.perform(get("/log?before=minus-one")).andExpect(status().isUnprocessableContent());
        // A long value is neither searched for nor echoed in full.
        mvc.perform(get("/log?kind=" + "a".repeat(5000)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("a".repeat(100)))));
    }

    @Test
    void anEntryPageShowsItsInclusionProofVerifiedStepByStep() throws Exception {
        long index = COUNT;
        byte[] entry = log.entry(index);
        var checkpoint = Checkpoint.parse(log.checkpoint().text());
        var proof = log.inclusionProof(index, checkpoint.size());
        String page = html("/log/entries/" + index);
        assertThat(page)
                .contains("Verified.")
                .doesNotContain("Not verified.")
                .contains(MerkleTree.leafHash(entry).hex())
                .contains(checkpoint.root().hex())
                .contains("Persecution")
                .contains("href=\"/api/log/entries/" + index + "/receipt\"")
                .contains("href=\"/log/entries/" + index + "/entry\"")
                .contains("log verify --node http://localhost --key " + log.verifierKey())
                .contains("--receipt entry-" + index + ".tlog-proof --entry entry-" + index + ".json");
        for (Hash sibling : proof.hashes()) {
            assertThat(page).contains(sibling.hex());
        }
        var steps = LogEntryPage.steps(proof, MerkleTree.leafHash(entry));
        assertThat(steps).hasSize(proof.hashes().size());
        assertThat(steps.getLast().result()).isEqualTo(checkpoint.root().hex());
    }

    @Test
    void aTamperedProofIsShownAsAFailureNeverAsVerified() throws Exception {
        doAnswer(call -> {
                    InclusionProof real = (InclusionProof) call.callRealMethod();
                    var hashes = new ArrayList<>(real.hashes());
                    byte[] bytes = hashes.getFirst().bytes();
                    bytes[0] ^= 1;
                    hashes.set(0, new Hash(bytes));
                    return new InclusionProof(real.index(), real.treeSize(), hashes);
                })
                .when(log)
                .inclusionProof(anyLong(), anyLong());
        String page = html("/log/entries/5");
        assertThat(page)
                .contains("Not verified.")
                .contains("ROOT_MISMATCH")
                .doesNotContain("Verified.")
                .doesNotContain(">matches<");
    }

    @Test
    void theEntryBytesDownloadExactlyAndUnknownEntriesAre404() throws Exception {
        var response = mvc.perform(get("/log/entries/7/entry"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"entry-7.json\""))
                .andReturn()
                .getResponse();
        assertThat(response.getContentAsByteArray()).isEqualTo(log.entry(7));
        mvc.perform(get("/log/entries/" + (COUNT + 1)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
        mvc.perform(get("/log/entries/999999/entry")).andExpect(status().isNotFound());
    }

    @Test
    void entryBundlesAreGzippedForClientsThatAcceptItOnly() throws Exception {
        var plain = mvc.perform(get("/log/tile/entries/000.p/" + Math.min(256, log.size())))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Content-Encoding"))
                .andExpect(header().string("Vary", org.hamcrest.Matchers.containsString("Accept-Encoding")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        var zipped = mvc.perform(get("/log/tile/entries/000.p/" + Math.min(256, log.size()))
                        .header("Accept-Encoding", "br, gzip;q=0.5"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Encoding", "gzip"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(zipped.length).isLessThan(plain.length);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        mvc.perform(get("/log/tile/entries/000.p/" + Math.min(256, log.size())).header("Accept-Encoding", "gzip;q=0"))
                .andExpect(header().doesNotExist("Content-Encoding"));
        // Hash tiles are incompressible: never encoded.
        mvc.perform(get("/log/tile/0/000.p/" + Math.min(256, log.size())).header("Accept-Encoding", "gzip"))
                .andExpect(header().doesNotExist("Content-Encoding"));
    }

    @Test
    void theVerifyPageGivesTheKeyAndTheCommands() throws Exception {
        assertThat(html("/log/verify"))
                .contains(log.verifierKey())
                .contains("log verify --node http://localhost --key " + log.verifierKey() + " --state log.state")
                .contains("--full")
                .contains("What it does not guarantee")
                .contains("/log/tile/entries/");
    }

    @Test
    void theStatisticsPageDrawsAccessibleChartsWithTables() throws Exception {
        String page = html("/log/statistics");
        assertThat(page.split("<svg ", -1)).hasSize(6);
        assertThat(page)
                .contains("role=\"img\"")
                .contains("aria-labelledby=\"chart-requesting-title chart-requesting-desc\"")
                .contains("New requests by requesting State, per month")
                .contains("<rect")
                .contains("Persecution")
                .contains("<table>")
                .contains("href=\"/api/log/statistics.csv?period=month\"");
        // Same tree size: the rendered charts are reused.
        assertThat(html("/log/statistics")).isEqualTo(page);
    }

    @Test
    void pagesAreTranslatedAndRightToLeftInArabic() throws Exception {
        assertThat(html("/log?lang=fr")).contains("Journal de transparence").contains("Rechercher");
        assertThat(html("/log/statistics?lang=fr")).contains("Motifs de refus");
        String arabic = html("/log/entries/1?lang=ar");
        assertThat(arabic).contains("dir=\"rtl\"").contains("سجل الشفافية");
    }

    @Test
    void theCoarseIndexHoldsEveryEntryUnderEachOfItsCodesAndTheMigrationBackfillsTheSame() throws Exception {
        // What the entries say, term by term ("k:stored-data 12").
        var expected = new java.util.TreeSet<String>();
        for (long i = 0; i <= COUNT; i++) {
            var m = LogEntry.parse(log.entry(i)).metadata();
            expected.add("a:" + m.requesting().value() + " " + i);
            expected.add("b:" + m.requested().value() + " " + i);
            expected.add("k:" + m.kind() + " " + i);
            expected.add("e:" + m.event().code() + " " + i);
            expected.add("d:" + m.day() + " " + i);
            if (m.outcome() != null) {
                expected.add("o:" + m.outcome().code() + " " + i);
            }
            for (String g : m.refusalGrounds()) {
                expected.add("g:" + g + " " + i);
            }
        }
        String pairs = "SELECT term || ' ' || (batch + o) FROM %s, unnest(offsets) AS o";
        var written =
                jdbc.sql(pairs.formatted("log_posting")).query(String.class).list();
        assertThat(written).doesNotHaveDuplicates();
        assertThat(new java.util.TreeSet<>(written)).isEqualTo(expected);

        // Replay V21's backfill into a scratch metadata table, then V24's from it into a scratch coarse
        // index: a node upgraded with a log ends with the same terms for the same entries.
        jdbc.sql("CREATE TEMPORARY TABLE scratch_meta (idx bigint, day date, requesting text COLLATE \"C\","
                        + " requested text COLLATE \"C\", kind text COLLATE \"C\", event text COLLATE \"C\","
                        + " outcome text COLLATE \"C\", refusal_grounds text[])")
                .update();
        jdbc.sql("CREATE TEMPORARY TABLE scratch_posting (LIKE log_posting INCLUDING ALL)")
                .update();
        jdbc.sql(statement("V21__transparency_entry_index.sql", "INSERT INTO log_entry_meta")
                        .replace("INSERT INTO log_entry_meta", "INSERT INTO scratch_meta"))
                .update();
        jdbc.sql(statement("V24__transparency_coarse_index.sql", "INSERT INTO log_posting")
                        .replace("INSERT INTO log_posting", "INSERT INTO scratch_posting")
                        .replace("FROM log_entry_meta m", "FROM scratch_meta m"))
                .update();
        var backfilled =
                jdbc.sql(pairs.formatted("scratch_posting")).query(String.class).list();
        assertThat(backfilled).doesNotHaveDuplicates();
        assertThat(new java.util.TreeSet<>(backfilled)).isEqualTo(expected);
    }

    private static String statement(String migration, String start) throws Exception {
        String sql = Files.readString(Path.of("src/main/resources/db/migration/" + migration));
        int from = sql.indexOf(start);
        return sql.substring(from, sql.indexOf(';', from));
    }

    private String html(String path) throws Exception {
        return mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<Long> indexes(String page) {
        var out = new ArrayList<Long>();
        var m = ENTRY_LINK.matcher(page);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /** Indexes of the matching entries, newest first, at most one page. */
    private static List<Long> expected(List<PublicMetadata> all, java.util.function.Predicate<PublicMetadata> test) {
        var out = new ArrayList<Long>();
        for (int i = all.size() - 1; i >= 0 && out.size() < LogPage.PAGE_SIZE; i--) {
            if (test.test(all.get(i))) {
                out.add((long) i);
            }
        }
        assertThat(out).as("the filter matches something").isNotEmpty();
        return out;
    }
}
