package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14, "done when": the receiving node, a JVM of its own, is killed with SIGKILL in the middle of
 * a burst of messages from XA, while XB is receiving a batch, between two of its messages. Every message
 * XA holds a receipt for at that moment is already stored at XB (a receipt is only ever answered after
 * the message is committed); after XB restarts, XA's dispatcher delivers every other message by retry —
 * those of the batch XB had partly stored among them — and XB has each message registered exactly once
 * (one inbox row, one acceptance) with the receipt XA holds, in each conversation's order. XA posts to an
 * {@link InboxProxy} in front of XB, which shows the batches and which one was in flight at the kill.
 */
class ExchangeCrashTest {

    private static final int CONVERSATIONS = 8;
    private static final int MESSAGES = 240;
    /** How long XB takes over each message it accepts, so a batch is received over tens of milliseconds. */
    private static final int ACCEPT_DELAY_MS = 10;

    private static final Map<String, String> QUIET =
            Map.of("logging.level.root", "WARN", "comity.exchange.messages.delivery.concurrency", "16");

    @Test
    void messagesReceiptedBeforeTheReceiverIsKilledAreStoredOnceAndTheRestArriveByRetry(@TempDir Path dir)
            throws Exception {
        var settings = new HashMap<>(QUIET);
        try (var proxy = new InboxProxy();
                var xa = new TwoNodes.Node("XA", QUIET).start()) {
            settings.put("comity.exchange.authority.inbox", proxy.inbox());
            var xb = new TwoNodes.Node("XB", Map.copyOf(settings));
            proxy.forwardingTo(xb.inbox());
            var xbDb = JdbcClient.create(new DriverManagerDataSource(xb.database, "postgres", ""));
            var xaCard = dir.resolve("xa-card.jws");
            Files.writeString(xaCard, xa.card());
            long began = System.nanoTime();
            var receiver = spawn(
                    xb,
                    "-Dcomity.test.pin-card=" + xaCard,
                    "-Dcomity.test.pin-fingerprint=" + xa.fingerprint(),
                    "-Dcomity.test.accept-delay-ms=" + ACCEPT_DELAY_MS);
            long started = System.nanoTime();
            long killed;
            var sent = new ConcurrentHashMap<UUID, UUID>();
            Set<UUID> receiptedAtKill;
            List<String> partlyStored = null;
            try {
                xa.bean(TrustDirectory.class).pin(receiver.card(), receiver.fingerprint(), "admin");
                var exchange = xa.bean(MessageExchange.class);
                var transactions = new TransactionTemplate(xa.bean(PlatformTransactionManager.class));
                var xaDb = xa.bean(JdbcClient.class);

                var done = new CountDownLatch(1);
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        for (int i = 0; i < MESSAGES; i++) {
                            var conversation = new UUID(14, i % CONVERSATIONS + 1);
                            var message = transactions.execute(status -> exchange.send(
                                    new OutgoingMessage(
                                            conversation, MessageType.CORRESPONDENCE, xb.id(), null, false, "{}"),
                                    "crash-test"));
                            sent.put(message.messageId(), conversation);
                        }
                    } finally {
                        done.countDown();
                    }
                });
                // Kill once XB has receipted a fair share, while XA is still delivering, in the middle of a
                // batch: XB has stored some of its messages, and is still to store at least two.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                boolean fairShare = false;
                kill:
                while (System.nanoTime() < deadline) {
                    fairShare = fairShare || deliveredCount(xaDb) >= MESSAGES / 4;
                    if (fairShare) {
                        for (var batch : List.copyOf(proxy.inFlight)) {
                            long stored = storedOf(xbDb, batch);
                            if (batch.size() >= 3 && stored >= 1 && stored <= batch.size() - 2) {
                                partlyStored = batch;
                                break kill;
                            }
                        }
                    }
                    Thread.sleep(2);
                }
                receiver.process().destroyForcibly(); // SIGKILL: nothing is flushed or answered afterwards
                killed = System.nanoTime();
                assertThat(receiver.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(partlyStored).as("killed in the middle of a batch").isNotNull();
                // An answer read just before the kill may still be on its way into XA's database.
                Thread.sleep(1000);
                receiptedAtKill = delivered(xaDb).keySet();
                assertThat(receiptedAtKill).hasSizeGreaterThanOrEqualTo(MESSAGES / 4);
                assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                receiver.process().destroyForcibly();
            }

            // Read XB's database while XB is dead: what it receipted, it had committed first.
            var storedAtKill = stored(xbDb);
            // The batch in flight at the kill: partly stored, and XA holds no receipt for any of it.
            long partStored = storedOf(xbDb, partlyStored);
            assertThat(partStored).isBetween(1L, partlyStored.size() - 1L);
            var partIds = xa.bean(JdbcClient.class)
                    .sql("SELECT message_id FROM exchange_outbox WHERE body = ANY (?)")
                    .param(partlyStored.toArray(String[]::new))
                    .query(UUID.class)
                    .list();
            assertThat(partIds).hasSize(partlyStored.size()).doesNotContainAnyElementsOf(receiptedAtKill);
            // Batches did form: XA posted most messages several to a request.
            var answered = proxy.answered(200);
            assertThat(answered.stream().mapToInt(b -> b.messages().size()).sum())
                    .as("messages receipted in batches")
                    .isGreaterThanOrEqualTo(MESSAGES / 8);
            assertThat(answered.stream()
                            .mapToInt(b -> b.messages().size())
                            .max()
                            .orElse(0))
                    .isGreaterThanOrEqualTo(3);
            var receipts = delivered(xa.bean(JdbcClient.class));
            var missing = new ArrayList<String>();
            for (var id : receiptedAtKill) {
                if (!receipts.get(id).equals(storedAtKill.get(id))) {
                    missing.add(id + (storedAtKill.containsKey(id) ? ": another receipt stored" : ": not stored"));
                }
            }
            assertThat(missing).as("receipted by XB but not stored there").isEmpty();
            assertThat(sent).hasSize(MESSAGES);
            assertThat(receiptedAtKill).as("some messages were left to deliver").hasSizeLessThan(MESSAGES);

            long restarting = System.nanoTime();
            var again = spawn(xb);
            try {
                long restarted = System.nanoTime();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (deliveredCount(xa.bean(JdbcClient.class)) < MESSAGES && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // Where the time goes (the suite's budget; starting a JVM is most of it on a loaded machine).
                System.out.printf(
                        "ExchangeCrashTest: XB started in %d ms, killed %d ms later with %d of %d receipted in a"
                                + " batch of %d (%d stored), restarted in %d ms, the rest delivered in %d ms%n",
                        (started - began) / 1_000_000,
                        (killed - started) / 1_000_000,
                        receiptedAtKill.size(),
                        MESSAGES,
                        partlyStored.size(),
                        partStored,
                        (restarted - restarting) / 1_000_000,
                        (System.nanoTime() - restarted) / 1_000_000);
                // A sender that never saw the answer posts the same bytes again: some of that happened at the
                // kill, and here it surely happens, to messages receipted before it.
                var again200 = xa.bean(JdbcClient.class)
                        .sql("SELECT body, receipt FROM exchange_outbox WHERE message_id = ANY (?)")
                        .param(receiptedAtKill.stream().limit(5).toArray(UUID[]::new))
                        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .list();
                try (var http = java.net.http.HttpClient.newHttpClient()) {
                    for (var row : again200) {
                        var answer = http.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(xb.inbox()))
                                        .header("Content-Type", "application/jose")
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(row.getKey()))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        assertThat(answer.statusCode()).isEqualTo(200);
                        assertThat(answer.body()).as("the same receipt again").isEqualTo(row.getValue());
                    }
                }
                assertThat(again200).hasSize(5);
            } finally {
                again.process().destroyForcibly();
                again.process().waitFor(30, TimeUnit.SECONDS);
            }
            var xaDb = xa.bean(JdbcClient.class);
            assertThat(xaDb.sql("SELECT status, count(*) FROM exchange_outbox GROUP BY status")
                            .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                            .list())
                    .as("every message delivered by retry")
                    .containsExactly("delivered=" + MESSAGES);

            var finalReceipts = delivered(xaDb);
            var storedNow = stored(xbDb);
            assertThat(partIds)
                    .as("the batch partly stored at the kill, completed by retry with XB's receipts")
                    .allSatisfy(
                            id -> assertThat(finalReceipts.get(id)).isNotNull().isEqualTo(storedNow.get(id)));
            assertThat(storedNow).as("stored at XB").hasSize(MESSAGES);
            finalReceipts.forEach((id, receipt) -> assertThat(storedNow.get(id))
                    .as("XB's stored receipt for " + id)
                    .isEqualTo(receipt));
            assertThat(xbDb.sql("SELECT count(*), count(DISTINCT message_id) FROM exchange_inbox")
                            .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                            .single())
                    .as("each message registered once")
                    .containsExactly((long) MESSAGES, (long) MESSAGES);
            var acceptances = new HashMap<String, Long>();
            xbDb.sql("""
                            SELECT subject, count(*) FROM exchange_audit
                            WHERE action = 'message-receive' AND outcome = 'accepted' GROUP BY subject""")
                    .query((rs, n) -> acceptances.put(rs.getString(1), rs.getLong(2)))
                    .list();
            assertThat(acceptances).as("one acceptance per message").hasSize(MESSAGES);
            assertThat(acceptances.values()).containsOnly(1L);
            // Each conversation arrived in its order with nothing lost: sequences 1..n.
            var sequences = xbDb.sql("""
                            SELECT conversation_id, count(*), min(sequence), max(sequence) FROM exchange_inbox
                            GROUP BY conversation_id""")
                    .query((rs, n) -> rs.getLong(2) == rs.getLong(4) && rs.getLong(3) == 1)
                    .list();
            assertThat(sequences).hasSize(CONVERSATIONS).containsOnly(true);
        }
    }

    private static Map<UUID, String> delivered(JdbcClient db) {
        var result = new HashMap<UUID, String>();
        db.sql("SELECT message_id, receipt FROM exchange_outbox WHERE status = 'delivered'")
                .query((rs, n) -> result.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return result;
    }

    private static long deliveredCount(JdbcClient db) {
        return db.sql("SELECT count(*) FROM exchange_outbox WHERE status = 'delivered'")
                .query(Long.class)
                .single();
    }

    /** How many of these messages (their bytes) the node stored. */
    private static long storedOf(JdbcClient db, List<String> bodies) {
        return db.sql("SELECT count(*) FROM exchange_inbox WHERE body = ANY (?)")
                .param(bodies.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private static Map<UUID, String> stored(JdbcClient db) {
        var result = new HashMap<UUID, String>();
        db.sql("SELECT message_id, receipt FROM exchange_inbox")
                .query((rs, n) -> result.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return result;
    }

    record Child(Process process, String card, String fingerprint) {}

    /** Starts {@code node} as a child JVM and waits until it serves, then keeps draining its output. */
    private static Child spawn(TwoNodes.Node node, String... properties) throws IOException {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xshare:off",
                "-Xmx512m"));
        command.addAll(List.of(properties));
        command.add(ExchangeNodeProcess.class.getName());
        command.addAll(node.arguments());
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var output = new StringBuilder();
        String card = null;
        String fingerprint = null;
        String line;
        while ((line = reader.readLine()) != null && !line.equals("READY")) {
            output.append(line).append('\n');
            if (line.startsWith("CARD ")) {
                card = line.substring(5);
            } else if (line.startsWith("FINGERPRINT ")) {
                fingerprint = line.substring(12);
            }
        }
        assertThat(line).as(output::toString).isEqualTo("READY");
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (reader.readLine() != null) {
                    // discard
                }
            } catch (IOException gone) {
                // killed
            }
        });
        return new Child(process, card, fingerprint);
    }
}
