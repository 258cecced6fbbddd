package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.RequestsOverExchange;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.evidence.domain.KeySource;
import org.comity.evidence.domain.TransferKey;
import org.comity.evidence.persistence.JdbcTransfers;
import org.comity.exchange.TwoNodes;
import org.comity.shared.Sha256;
import org.comity.testing.FictionalUncc;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transfer key never sits in the receiver's database in the clear: its inbox keeps the evidence
 * announcement with the key wrapped by the node key, and so does the event the inbox publishes, while
 * the package still arrives whole. Reads every text column where the announcement could be kept.
 * Two nodes, fictional States (XA requesting, XB requested).
 */
class TransferKeyAtRestTest {

    static TwoNodes.Node xa;
    static TwoNodes.Node xb;

    @BeforeAll
    static void start() {
        var settings = Map.of(
                "comity.treaty.fictional-states", "true",
                "comity.casework.watch-enabled", "false",
                "comity.evidence.transfer.push-automatically", "false");
        xa = new TwoNodes.Node("XA", settings).start();
        xb = new TwoNodes.Node("XB", settings).start();
        for (var node : new TwoNodes.Node[] {xa, xb}) {
            TestAccounts.createOnePerRole(node.bean(Accounts.class));
            FictionalUncc.inForce(node.bean(Treaties.class));
        }
        xa.pin(xb);
        xb.pin(xa);
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
    void theReceiversInboxAndEventsKeepTheTransferKeyOnlyWrapped() throws Exception {
        var requestAtXa = RequestsOverExchange.send(xa);
        var conversation = xa.bean(JdbcExchangeLinks.class)
                .byRequest(requestAtXa)
                .orElseThrow()
                .conversationId();
        var requestAtXb = EvidenceTransferTest.await(
                        () -> xb.bean(JdbcExchangeLinks.class).byConversation(conversation, "INCOMING"),
                        Optional::isPresent)
                .orElseThrow()
                .requestId();
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var evidenceXb = xb.bean(Evidence.class);
        var opened = evidenceXb.create(requestAtXb, null, caseworker);
        var content = new byte[70_000];
        new Random(7).nextBytes(content);
        var item = evidenceXb.announce(
                opened.id(),
                new ItemAnnouncement(
                        "access.log",
                        "text/plain",
                        "XB-ORDER-2",
                        "provider",
                        "Provider Two",
                        Instant.now().minusSeconds(60),
                        content.length),
                caseworker);
        evidenceXb.append(item.id(), 0, new java.io.ByteArrayInputStream(content), caseworker);
        evidenceXb.seal(opened.id(), caseworker);
        var transfer = xb.bean(Transfers.class).transmit(opened.id(), caseworker);
        var arrived = EvidenceTransferTest.await(
                        () -> xa.bean(JdbcTransfers.class).incoming(transfer.transferId()), Optional::isPresent)
                .orElseThrow();

        // The key as the sender put it into the announcement (Tink binary keyset, base 64).
        var outgoing =
                xb.bean(JdbcTransfers.class).outgoing(transfer.transferId()).orElseThrow();
        var raw = Base64.getEncoder()
                .encodeToString(
                        TransferKey.unwrap(transfer.transferId(), outgoing.wrappedKey(), xb.bean(KeySource.class))
                                .forRecipient());
        var db = xa.bean(JdbcClient.class);
        var inbox = db.sql("SELECT payload FROM exchange_inbox WHERE type = 'evidence-notice'")
                .query(String.class)
                .list();
        assertThat(inbox).hasSize(1);
        assertThat(inbox.getFirst())
                .doesNotContain(raw)
                .doesNotContain("\"transferKey\"")
                .contains("\"transferKeyWrapped\"")
                .contains("\"transferKeySource\":\"" + xa.bean(KeySource.class).id() + "\"");
        // Nowhere else either: the event the inbox published, the received bytes (encrypted to XA).
        assertThat(db.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?")
                        .param("%" + raw + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(db.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE '%transferKeyWrapped%'")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(db.sql("SELECT count(*) FROM exchange_inbox WHERE body LIKE ? OR payload LIKE ?")
                        .params("%" + raw + "%", "%" + raw + "%")
                        .query(Long.class)
                        .single())
                .isZero();

        // The wrapped key is the sender's key: the package arrives whole under it.
        xb.bean(Transfers.class).push(transfer.transferId());
        EvidenceTransferTest.await(
                () -> xb.bean(Transfers.class).transfer(transfer.transferId()),
                t -> t.state().equals("verified"));
        var atXa = xa.bean(Evidence.class).get(arrived.packageId());
        assertThat(atXa.items().getFirst().sha256()).isEqualTo(Sha256.hex(content));
    }
}
