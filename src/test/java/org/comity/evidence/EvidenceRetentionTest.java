package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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

    String deletionPage(UUID packageId, String query) throws Exception {
        return mvc.perform(get("/evidence/packages/" + packageId + "/delete" + query)
                        .with(EvidencePagesTest.signedIn(Role.SUPERVISOR))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /**
     * The console deletes as the API does: supervisors only, after a confirmation page (plain forms,
     * no JavaScript), refused with the reason on that page while the retention date or a hold keeps
     * the package, recorded in the custody chain.
     */
    @Test
    void theConsoleDeletesAfterAConfirmationStepAndSaysWhyItCannotUnderAHoldOrBeforeTheDate() throws Exception {
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
                new ItemAnnouncement(
                        "disk.img", "application/octet-stream", "PO-9", "examiner", "Lab 2", clock.instant(), 5),
                "caseworker");
        evidence.append(item.id(), 0, new ByteArrayInputStream("bytes".getBytes()), "caseworker");
        var part = ((FileBlobStore) blobs).path(new BlobStore.Name(p.id(), item.id(), 1));
        var confirmation = "/evidence/packages/" + p.id() + "/delete";

        // The package page links supervisors, and only them, to the confirmation step.
        var forSupervisor = mvc.perform(get("/requests/" + requestId + "/evidence")
                        .with(EvidencePagesTest.signedIn(Role.SUPERVISOR))
                        .accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(forSupervisor).contains("href=\"" + confirmation + "\"");
        var forCaseworker = mvc.perform(get("/requests/" + requestId + "/evidence")
                        .with(EvidencePagesTest.signedIn(Role.CASEWORKER))
                        .accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(forCaseworker).doesNotContain(confirmation);
        mvc.perform(get(confirmation).with(EvidencePagesTest.signedIn(Role.CASEWORKER)))
                .andExpect(status().isForbidden());
        mvc.perform(post(confirmation)
                        .param("confirm", "delete")
                        .with(EvidencePagesTest.signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post(confirmation).param("confirm", "delete").with(EvidencePagesTest.signedIn(Role.SUPERVISOR)))
                .andExpect(status().isForbidden());

        // Before the retention date: the reason, and nothing to confirm.
        assertThat(deletionPage(p.id(), ""))
                .contains("kept until its retention date")
                .doesNotContain("name=\"confirm\"");

        // After it, under a hold: the hold's reason, in French too; a post is refused with it.
        evidence.hold(p.id(), true, "supervisor");
        clock.advance(Duration.ofDays(2));
        assertThat(deletionPage(p.id(), ""))
                .contains("A legal hold blocks deletion")
                .doesNotContain("name=\"confirm\"");
        assertThat(deletionPage(p.id(), "?lang=fr"))
                .contains("conservation à titre conservatoire empêche la suppression");
        mvc.perform(post(confirmation)
                        .param("confirm", "delete")
                        .with(EvidencePagesTest.signedIn(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getFlashMap().get("itemProblems"))
                        .asString()
                        .contains("legal-hold"));
        assertThat(evidence.get(p.id()).state()).isEqualTo("open");

        // Released: the page explains crypto-shredding and asks; a post without the confirmation
        // goes back to it and deletes nothing.
        evidence.hold(p.id(), false, "supervisor");
        assertThat(deletionPage(p.id(), "")).contains("crypto-shredding").contains("name=\"confirm\" value=\"delete\"");
        mvc.perform(post(confirmation)
                        .with(EvidencePagesTest.signedIn(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(result ->
                        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(confirmation));
        assertThat(evidence.get(p.id()).state()).isEqualTo("open");
        assertThat(Files.exists(part)).isTrue();

        mvc.perform(post(confirmation)
                        .param("confirm", "delete")
                        .with(EvidencePagesTest.signedIn(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(
                        result -> assertThat(result.getFlashMap().get("done")).isEqualTo("deleted"));
        var deleted = evidence.get(p.id());
        assertThat(deleted.state()).isEqualTo("deleted");
        assertThat(deleted.items().getFirst().state()).isEqualTo("shredded");
        assertThat(store.keyset(item.id())).isEmpty();
        assertThat(Files.exists(part)).isFalse();
        var records = evidence.custody(p.id()).records();
        assertThat(records.getLast().act()).isEqualTo("deleted");
        assertThat(records.getLast().actor()).isEqualTo(TestAccounts.username(Role.SUPERVISOR));
        // Once deleted there is nothing left to delete, and the page says so.
        assertThat(deletionPage(p.id(), "")).contains("already deleted").doesNotContain("name=\"confirm\"");
    }
}
