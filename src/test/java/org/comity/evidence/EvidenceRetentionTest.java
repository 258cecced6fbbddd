package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.persistence.FileBlobStore;
import org.comity.evidence.persistence.JdbcEvidence;
import org.comity.shared.Conflict;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Retention, legal holds and deletion by crypto-shredding, with the custody chain left whole. */
@NodeTest
class EvidenceRetentionTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Evidence evidence;

    @Autowired
    MutableClock clock;

    @Autowired
    BlobStore blobs;

    @Autowired
    JdbcEvidence store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHeldPackageOutlivesItsRetentionAndOnceReleasedIsShreddedLeavingItsCustodyChain() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var body = mvc.perform(post("/api/requests")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var requestId = UUID.fromString(
                JsonMapper.builder().build().readTree(body).get("id").asString());

        var p = evidence.create(requestId, clock.instant().plus(Duration.ofDays(1)), "caseworker");
        var item = evidence.announce(
                p.id(),
                new ItemAnnouncement("log.txt", "text/plain", "PO-7", "provider", "Example Host", clock.instant(), 5),
                "caseworker");
        evidence.append(item.id(), 0, new ByteArrayInputStream("hello".getBytes()), "caseworker");
        evidence.seal(p.id(), "supervisor");
        var part = ((FileBlobStore) blobs).path(new BlobStore.Name(p.id(), item.id(), 1));
        assertThat(Files.exists(part)).isTrue();

        assertThatThrownBy(() -> evidence.delete(p.id(), "supervisor"))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("retention"));
        evidence.hold(p.id(), true, "supervisor");
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> evidence.delete(p.id(), "supervisor"))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("legal-hold"));
        assertThat(evidence.download(item.id(), "auditor").content().open().readAllBytes())
                .isEqualTo("hello".getBytes());

        evidence.hold(p.id(), false, "supervisor");
        var deleted = evidence.delete(p.id(), "supervisor");
        assertThat(deleted.state()).isEqualTo("deleted");
        assertThat(deleted.items().getFirst().state()).isEqualTo("shredded");
        // What the item was stays known: its digest, for the custody chain and the manifest.
        assertThat(deleted.items().getFirst().sha256())
                .isEqualTo(evidence.item(item.id()).sha256())
                .isNotNull();
        assertThat(store.keyset(item.id())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM evidence_item WHERE id = ? AND wrapped_keyset IS NOT NULL")
                        .param(item.id())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(Files.exists(part)).isFalse();
        assertThatThrownBy(() -> evidence.download(item.id(), "auditor"))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("item-unavailable"));

        var chain = evidence.exportCustody(p.id(), "auditor");
        assertThat(chain.records().stream().map(CustodyExport.Record::act).toList())
                .containsExactly(
                        "created",
                        "item-announced",
                        "item-added",
                        "sealed",
                        "hold-placed",
                        "downloaded",
                        "hold-released",
                        "deleted",
                        "exported");
        assertThat(chain.verify(evidence.signingKeyId()).records()).isEqualTo(9);
        // The custody table refuses changes, not only this code.
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM evidence_custody WHERE package_id = ?")
                        .param(p.id())
                        .update())
                .isInstanceOf(Exception.class);
    }

    @Test
    void aPackageNearItsRetentionDateIsRecordedAndListedOnceForEachDate() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var body = mvc.perform(post("/api/requests")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var requestId = UUID.fromString(
                JsonMapper.builder().build().readTree(body).get("id").asString());
        var byDefault = evidence.create(requestId, null, "caseworker");
        assertThat(byDefault.retainUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(3650)));
        var p = evidence.create(requestId, clock.instant().plus(Duration.ofDays(40)), "caseworker");

        assertThat(evidence.warnOfExpiry()).doesNotContain(p.id(), byDefault.id());
        clock.advance(Duration.ofDays(15)); // 25 days left: within the 30-day warning
        assertThat(evidence.warnOfExpiry()).contains(p.id()).doesNotContain(byDefault.id());
        assertThat(evidence.warnOfExpiry()).as("once per date").doesNotContain(p.id());
        assertThat(evidence.expiring()).extracting(PackageView::id).contains(p.id());
        evidence.retain(p.id(), clock.instant().plus(Duration.ofDays(20)), "supervisor");
        assertThat(evidence.warnOfExpiry()).as("a new date is warned of again").contains(p.id());
        evidence.hold(p.id(), true, "supervisor");
        evidence.retain(p.id(), clock.instant().plus(Duration.ofDays(10)), "supervisor");
        assertThat(evidence.warnOfExpiry()).as("a held package is not").doesNotContain(p.id());

        var chain = evidence.exportCustody(p.id(), "auditor");
        assertThat(chain.records().stream().map(CustodyExport.Record::act).toList())
                .containsExactly(
                        "created",
                        "retention-expiring",
                        "retention-changed",
                        "retention-expiring",
                        "hold-placed",
                        "retention-changed",
                        "exported");
        assertThat(chain.records().getFirst().detail()).endsWith(",retention=given");
        assertThat(evidence.exportCustody(byDefault.id(), "auditor")
                        .records()
                        .getFirst()
                        .detail())
                .endsWith(",retention=default");
    }
}
