package org.comity.casework;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.accounts.Accounts;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.TwoNodes;
import org.comity.testing.FictionalUncc;
import org.comity.testing.TestAccounts;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.audit.LogAudit;
import org.comity.transparency.domain.audit.LogSource;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.monitor.Finding;
import org.comity.transparency.domain.monitor.FollowedLog;
import org.comity.transparency.domain.monitor.Monitor;
import org.comity.transparency.domain.monitor.MonitorState;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.monitor.EntryFields;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16's two-sided check end to end: XA's node sends a request to XB's (own databases, real HTTP on
 * loopback); both public logs carry the same pairing token, and a monitor reading both logs through
 * their public tiles finds nothing. Then XB's node withholds the {@code request-received} entry of a
 * second request (the test seam: a trigger in XB's own database drops that outbox row, as a State
 * hiding a request could), and the monitor reports XA's entry as unpaired once the grace after the
 * entry's day has passed, with evidence anyone can re-check from the public resources.
 */
class PairedLogsTest {

    static TwoNodes.Node xa;
    static TwoNodes.Node xb;

    @BeforeAll
    static void start() {
        xa = new TwoNodes.Node("XA", settings("xa")).start();
        xb = new TwoNodes.Node("XB", settings("xb")).start();
        for (var node : new TwoNodes.Node[] {xa, xb}) {
            TestAccounts.createOnePerRole(node.bean(Accounts.class));
            FictionalUncc.inForce(node.bean(Treaties.class));
        }
        xa.pin(xb);
        xb.pin(xa);
    }

    /** XA's caseworker drafts and proposes, XA's supervisor approves: the request is sent. */
    static java.util.UUID sendFromXa() {
        var casework = xa.bean(Casework.class);
        var content = CaseExchangeTest.JSON.readValue(
                CaseworkApiTest.CONTENT, org.comity.casework.domain.RequestContent.class);
        var draft = casework.draft(
                org.comity.treaty.KindOfAssistance.STORED_DATA,
                content,
                TestAccounts.username(org.comity.accounts.Role.CASEWORKER));
        casework.proposeSending(draft.id(), null, TestAccounts.username(org.comity.accounts.Role.CASEWORKER));
        casework.approveSending(draft.id(), null, TestAccounts.username(org.comity.accounts.Role.SUPERVISOR));
        return draft.id();
    }

    static Optional<JdbcExchangeLinks.Link> incoming(java.util.UUID conversation) {
        return xb.bean(JdbcExchangeLinks.class).byConversation(conversation, "INCOMING");
    }

    static Map<String, String> settings(String state) {
        return Map.of(
                "comity.treaty.fictional-states", "true",
                "comity.casework.watch-enabled", "false",
                "comity.transparency.origin", state + ".comity.invalid/log",
                "comity.transparency.checkpoint-interval", "0s");
    }

    @AfterAll
    static void stop() {
        if (xa != null) {
            xa.close();
        }
        if (xb != null) {
            xb.close();
        }
    }

    @Test
    void bothLogsPairTheRequestAndAWithheldOneIsReportedWithItsEvidence() throws Exception {
        // 1. A request that both sides log.
        var first = sendFromXa();
        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(first).orElseThrow();
        var token = sent.pairingToken();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        var received = CaseExchangeTest.await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow();
        assertThat(received.pairingToken()).isEqualTo(token);
        var atXa = CaseExchangeTest.await(() -> withToken(xa, token), e -> e.size() == 1);
        var atXb = CaseExchangeTest.await(() -> withToken(xb, token), e -> e.size() == 1);
        assertThat(atXa.getFirst()).contains("\"event\":\"request-sent\"").contains("\"pairing\":\"" + token + "\"");
        assertThat(atXb.getFirst())
                .contains("\"event\":\"request-received\"")
                .contains("\"pairing\":\"" + token + "\"");

        // 2. XB's node withholds the next request-received entry from its log.
        var xbDb = xb.bean(JdbcClient.class);
        xbDb.sql("""
                        CREATE FUNCTION withhold_received() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF position('"event":"request-received"' in convert_from(NEW.entry, 'UTF8')) > 0 THEN
                            RETURN NULL;
                          END IF;
                          RETURN NEW;
                        END $$""").update();
        xbDb.sql(
                        "CREATE TRIGGER withhold BEFORE INSERT ON log_outbox FOR EACH ROW EXECUTE FUNCTION withhold_received()")
                .update();
        var second = sendFromXa();
        var hidden = xa.bean(JdbcExchangeLinks.class).byRequest(second).orElseThrow();
        CaseExchangeTest.await(() -> incoming(hidden.conversationId()), Optional::isPresent);
        xbDb.sql("DROP TRIGGER withhold ON log_outbox").update();
        var hiddenAtXa = CaseExchangeTest.await(() -> withToken(xa, hidden.pairingToken()), e -> e.size() == 1);
        assertThat(hiddenAtXa.getFirst()).contains("\"event\":\"request-sent\"");
        // XB registered it (its link holds the token) but its signed tree never will.
        assertThat(incoming(hidden.conversationId()).orElseThrow().pairingToken())
                .isEqualTo(hidden.pairingToken());
        assertThat(withToken(xb, hidden.pairingToken())).isEmpty();

        // 3. A monitor following both logs, as an outsider: nothing until the grace after the entry's day.
        var monitor = new Monitor(new EntryFields(), Duration.ofHours(24));
        var logs = List.of(followed("XA", xa), followed("XB", xb));
        var now = Instant.now();
        var round = monitor.run(logs, MonitorState.empty(), now);
        assertThat(round.errors()).isEmpty();
        assertThat(round.findings()).isEmpty();
        assertThat(round.state().pending())
                .singleElement()
                .satisfies(p -> assertThat(p.entry().token()).isEqualTo(hidden.pairingToken()));

        var due = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(Duration.ofHours(24));
        var early = monitor.run(logs, round.state(), due.minusSeconds(1));
        assertThat(early.findings()).isEmpty();
        var late = monitor.run(logs, early.state(), due);
        assertThat(late.errors()).isEmpty();
        assertThat(late.findings()).hasSize(1);
        var finding = late.findings().getFirst();
        assertThat(finding.code()).isEqualTo(Finding.Code.UNPAIRED);
        assertThat(finding.origin()).isEqualTo("xa.comity.invalid/log");
        assertThat(finding.counterpart()).isEqualTo("xb.comity.invalid/log");
        assertThat(finding.detail()).contains(hidden.pairingToken());

        // 4. Anyone re-checks it from the evidence: XA's signed checkpoint includes the entry at that
        // index (an inclusion proof from XA's tiles), and XB's signed tree holds no entry with the token.
        long index = finding.entries().getFirst();
        var xaNote = note(finding, "xa.comity.invalid/log");
        var xaCheckpoint = LogAudit.verifySignature(
                TrustedLog.of(xa.bean(TransparencyLog.class).verifier()), xaNote);
        var xaAudit = new LogAudit(source(xa));
        var entry = xaAudit.entry(index, xaCheckpoint.size());
        assertThat(new String(entry, UTF_8)).contains("\"pairing\":\"" + hidden.pairingToken() + "\"");
        InclusionProof.build(xaAudit.verifyTiles(xaCheckpoint), index, xaCheckpoint.size())
                .verify(MerkleTree.leafHash(entry), xaCheckpoint.root());
        var xbNote = note(finding, "xb.comity.invalid/log");
        var xbCheckpoint = LogAudit.verifySignature(
                TrustedLog.of(xb.bean(TransparencyLog.class).verifier()), xbNote);
        var xbAudit = new LogAudit(source(xb));
        xbAudit.verifyTiles(xbCheckpoint);
        for (long i = 0; i < xbCheckpoint.size(); i++) {
            assertThat(new String(xbAudit.entry(i, xbCheckpoint.size()), UTF_8)).doesNotContain(hidden.pairingToken());
        }
        // Reported once.
        assertThat(monitor.run(logs, late.state(), due.plusSeconds(60)).findings())
                .isEmpty();
    }

    /**
     * Every later step one side tells the other by a message is on both logs with that message's token:
     * XB's decision and execution (the requested side's entries, and XA's record of what it was told),
     * XA's withdrawal of another request (XA's entry, and XB's record of it). A monitor reading both
     * logs pairs them all, with no disagreement.
     */
    @Test
    void decisionsExecutionsAndWithdrawalsAreOnBothLogsWithTheirMessagesTokens() {
        var xaWork = xa.bean(Casework.class);
        var xbWork = xb.bean(Casework.class);
        var reviewer = TestAccounts.username(org.comity.accounts.Role.LEGAL_REVIEWER);
        var caseworker = TestAccounts.username(org.comity.accounts.Role.CASEWORKER);

        var granted = sendFromXa();
        var link = xa.bean(JdbcExchangeLinks.class).byRequest(granted).orElseThrow();
        var atXb = CaseExchangeTest.await(() -> incoming(link.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        CaseExchangeTest.await(() -> xaWork.get(granted).state().code(), "acknowledged"::equals);
        xbWork.startReview(atXb, null, reviewer);
        var grant = new org.comity.casework.domain.Decision.GrantWithConditions(
                List.of("the data is used only in the proceedings named"), List.of(), null);
        var decided = xbWork.decide(atXb, null, grant, reviewer);
        if (decided.state() instanceof org.comity.casework.domain.RequestState.AwaitingDecisionApproval) {
            xbWork.approveDecision(
                    atXb,
                    null,
                    decided.proposalFingerprint().orElseThrow(),
                    TestAccounts.username(org.comity.accounts.Role.SUPERVISOR));
        }
        CaseExchangeTest.await(
                () -> xaWork.get(granted).state(),
                s -> s instanceof org.comity.casework.domain.RequestState.GrantedByCounterpart);
        xbWork.startExecution(atXb, null, caseworker);
        xbWork.completeExecution(atXb, null, true, caseworker);
        CaseExchangeTest.await(
                () -> xaWork.get(granted).state(),
                s -> s instanceof org.comity.casework.domain.RequestState.ExecutedByCounterpart);

        var withdrawn = sendFromXa();
        var other = xa.bean(JdbcExchangeLinks.class).byRequest(withdrawn).orElseThrow();
        var otherAtXb = CaseExchangeTest.await(() -> incoming(other.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        CaseExchangeTest.await(() -> xaWork.get(withdrawn).state().code(), "acknowledged"::equals);
        xaWork.withdraw(withdrawn, null, "the suspect was identified by other means", caseworker);
        CaseExchangeTest.await(
                () -> xbWork.get(otherAtXb).state(),
                s -> s instanceof org.comity.casework.domain.RequestState.Withdrawn);

        var decision = token(xb, link.conversationId(), "decision");
        var execution = token(xb, link.conversationId(), "execution-result");
        var withdrawal = token(xa, other.conversationId(), "withdrawal");
        assertThat(List.of(decision, execution, withdrawal))
                .doesNotHaveDuplicates()
                .doesNotContain(link.pairingToken(), other.pairingToken());
        for (var node : new TwoNodes.Node[] {xa, xb}) {
            var decisionEntry = CaseExchangeTest.await(() -> withToken(node, decision), e -> e.size() == 1)
                    .getFirst();
            assertThat(decisionEntry)
                    .contains("\"event\":\"request-decided\"")
                    .contains("\"outcome\":\"granted\"")
                    .contains("\"requesting\":\"XA\"")
                    .contains("\"requested\":\"XB\"");
            assertThat(CaseExchangeTest.await(() -> withToken(node, execution), e -> e.size() == 1)
                            .getFirst())
                    .contains("\"event\":\"request-executed\"");
            assertThat(CaseExchangeTest.await(() -> withToken(node, withdrawal), e -> e.size() == 1)
                            .getFirst())
                    .contains("\"event\":\"request-withdrawn\"");
        }

        var monitor = new Monitor(new EntryFields(), Duration.ofHours(24));
        var round = monitor.run(List.of(followed("XA", xa), followed("XB", xb)), MonitorState.empty(), Instant.now());
        assertThat(round.errors()).isEmpty();
        assertThat(round.findings()).isEmpty();
        assertThat(round.state().pending())
                .extracting(p -> p.entry().token())
                .doesNotContain(decision, execution, withdrawal, link.pairingToken(), other.pairingToken());
    }

    /** The pairing token of the one message of {@code type} the node sent in the conversation. */
    static String token(TwoNodes.Node node, java.util.UUID conversation, String type) {
        return node.bean(org.comity.exchange.MessageExchange.class).deliveries(conversation).stream()
                .filter(d -> d.type().code().equals(type))
                .map(org.comity.exchange.Delivery::pairingToken)
                .reduce((a, b) -> {
                    throw new AssertionError("two " + type + " messages in " + conversation);
                })
                .orElseThrow(() -> new AssertionError("no " + type + " message in " + conversation));
    }

    static SignedNote note(Finding finding, String origin) {
        return finding.checkpoints().stream()
                .filter(c -> c.startsWith(origin + "\n"))
                .map(SignedNote::parse)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no checkpoint of " + origin + " in " + finding));
    }

    static FollowedLog followed(String state, TwoNodes.Node node) {
        return new FollowedLog(
                state, TrustedLog.of(node.bean(TransparencyLog.class).verifier()), source(node), null);
    }

    /** The entries of the node's published tree (read through its public tiles) holding {@code token}. */
    static List<String> withToken(TwoNodes.Node node, String token) {
        var audit = new LogAudit(source(node));
        Checkpoint checkpoint = LogAudit.verifySignature(
                TrustedLog.of(node.bean(TransparencyLog.class).verifier()), audit.fetchCheckpoint());
        var found = new ArrayList<String>();
        for (long i = 0; i < checkpoint.size(); i++) {
            var text = new String(audit.entry(i, checkpoint.size()), UTF_8);
            if (text.contains("\"pairing\":\"" + token + "\"")) {
                found.add(text);
            }
        }
        return found;
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static LogSource source(TwoNodes.Node node) {
        String base = node.bean(org.springframework.core.env.Environment.class).getProperty("local.server.port");
        return path -> {
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base + "/log/" + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + ": HTTP " + response.statusCode());
                }
                return response.body();
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
