package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.exchange.domain.CardVerifier;
import org.comity.exchange.domain.Fingerprint;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The console's exchange pages: administrators see this node's identity and keys, the directory and
 * its operator keys, the peers with each key's standing, and pin, unpin and rotate through the same
 * facades as the API, audited with channel {@code console}; auditors read; nobody else gets in.
 */
@NodeTest
@Import(TrustedXaNode.Clock.class)
class ExchangePagesTest {

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TrustedXaNode.properties(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    TrustDirectory trust;

    @Autowired
    LocalAuthority authority;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static RequestPostProcessor as(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }

    @Test
    void onlyAdministratorsActAndAuditorsRead() throws Exception {
        for (Role role : new Role[] {Role.CASEWORKER, Role.LEGAL_REVIEWER, Role.SUPERVISOR}) {
            mvc.perform(get("/admin/exchange").with(as(role))).andExpect(status().isForbidden());
            mvc.perform(get("/admin/exchange/authority-card.jws").with(as(role)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/exchange/refusals").with(as(Role.CASEWORKER))).andExpect(status().isForbidden());
        mvc.perform(get("/exchange/refusals").with(as(Role.LEGAL_REVIEWER))).andExpect(status().isForbidden());
        for (Role role : new Role[] {Role.CASEWORKER, Role.AUDITOR}) {
            mvc.perform(post("/admin/exchange/key-rotations").with(as(role)).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/exchange/pins").with(as(role)).with(csrf()).param("card", "a.b.c"))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/exchange/pins/1/removal").with(as(role)).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/exchange/directory")
                            .with(as(role))
                            .with(csrf())
                            .param("document", "a.b.c"))
                    .andExpect(status().isForbidden());
        }
        // The auditor reads everything, without a form to change anything.
        var page = page(Role.AUDITOR);
        assertThat(page)
                .contains("xa-central-authority")
                .contains(authority.keys().getFirst().fingerprint())
                .doesNotContain("action=\"/admin/exchange/key-rotations\"")
                .doesNotContain("action=\"/admin/exchange/pins\"");
        mvc.perform(get("/exchange/refusals").with(as(Role.AUDITOR))).andExpect(status().isOk());
    }

    @Test
    void thePageShowsTheIdentityTheDirectoryAndThePeersKeys() throws Exception {
        var page = page(Role.ADMIN);
        var operator = trust.operatorKeys().getFirst();
        var directory = trust.directoryStatus();
        assertThat(directory.stored()).isNotNull();
        assertThat(page)
                .contains("Central Authority of XA")
                .contains("https://xa.example/exchange/inbox")
                .contains(operator.fingerprint())
                .contains(directory.inUse().operator())
                .contains("from the configured location");
        var peers = trust.peers();
        assertThat(peers).isNotEmpty();
        for (var peer : peers) {
            assertThat(page).contains(peer.authority().id());
            peer.keys().forEach(k -> assertThat(page).contains(k.fingerprint()));
        }
        // The card to export is this node's own, verifiable with its fingerprint.
        var card = mvc.perform(get("/admin/exchange/authority-card.jws").with(as(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.US_ASCII);
        var signing = authority.keys().stream()
                .filter(k -> k.current() && k.purpose() == KeyPurpose.SIGNING)
                .findFirst()
                .orElseThrow();
        assertThat(CardVerifier.verify(
                                card, Fingerprint.parse("fingerprint", signing.fingerprint()), ExchangeFixtures.NOW)
                        .entry()
                        .authority()
                        .id()
                        .value())
                .isEqualTo("xa-central-authority");
    }

    @Test
    void aCardIsVerifiedBeforeItIsPinnedAndEveryAttemptIsAudited() throws Exception {
        var fingerprint = TrustFixturesTest.fixture("card-good.fingerprint");
        int pinsBefore = trust.pins().size();

        // Nothing pasted and no fingerprint: both fields say so, nothing is attempted.
        var empty = refused(post("/admin/exchange/pins").param("card", "").param("fingerprint", ""));
        assertThat(empty).contains("id=\"card-error\"").contains("id=\"fingerprint-error\"");

        // A card whose key was substituted: the fingerprint the peer confirmed does not match it.
        var substituted = refused(post("/admin/exchange/pins")
                .param("card", TrustFixturesTest.fixture("card-substituted-key.jws"))
                .param("fingerprint", fingerprint));
        assertThat(substituted).contains("id=\"fingerprint-error\"").contains("Do not pin it");
        assertThat(substituted).containsPattern("id=\"fingerprint\"[^>]*aria-invalid=\"true\"");

        // An altered card, uploaded as a file: refused on the card field by its step.
        var altered = mvc.perform(multipart("/admin/exchange/pins")
                        .file(new MockMultipartFile(
                                "cardFile",
                                "peer.jws",
                                "application/jose",
                                TrustFixturesTest.fixture("card-altered-payload.jws")
                                        .getBytes(StandardCharsets.US_ASCII)))
                        .param("fingerprint", fingerprint)
                        .with(as(Role.ADMIN))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(altered).contains("id=\"card-error\"");
        assertThat(trust.pins()).hasSize(pinsBefore);
        assertThat(trust.audit(10))
                .filteredOn(e -> e.action().equals("pin"))
                .extracting(ExchangeAuditEntry::channel, ExchangeAuditEntry::outcome)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("console", "fingerprint-mismatch"),
                        org.assertj.core.groups.Tuple.tuple("console", "bad-signature"));

        // The genuine card with its confirmed fingerprint is pinned, listed, and removed.
        mvc.perform(post("/admin/exchange/pins")
                        .param("card", TrustFixturesTest.fixture("card-good.jws"))
                        .param("fingerprint", fingerprint.toUpperCase(java.util.Locale.ROOT))
                        .with(as(Role.ADMIN))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/admin/exchange*"));
        var pin = trust.pins().stream()
                .filter(p -> p.fingerprint().replace(" ", "").equals(fingerprint.replaceAll("[\\s:]", "")))
                .findFirst()
                .orElseThrow();
        assertThat(page(Role.ADMIN))
                .contains("action=\"/admin/exchange/pins/" + pin.id() + "/removal\"")
                .contains(pin.authority().id());
        assertThat(trust.peers()).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo(TrustedKey.Source.PIN);
            assertThat(p.pinId()).isEqualTo(pin.id());
        });
        // The first post only asks to confirm: nothing is removed yet.
        var confirmation = mvc.perform(post("/admin/exchange/pins/" + pin.id() + "/removal")
                        .with(as(Role.ADMIN))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(confirmation)
                .contains("name=\"confirm\" value=\"yes\"")
                .contains(pin.fingerprint())
                .contains("refused unless the directory lists it");
        assertThat(trust.pins()).anyMatch(p -> p.id() == pin.id());
        mvc.perform(post("/admin/exchange/pins/" + pin.id() + "/removal")
                        .with(as(Role.ADMIN))
                        .with(csrf())
                        .param("confirm", "yes"))
                .andExpect(status().is3xxRedirection());
        assertThat(trust.pins()).noneMatch(p -> p.id() == pin.id());
        assertThat(trust.audit(5))
                .filteredOn(e -> e.action().equals("unpin") || e.action().equals("pin"))
                .extracting(ExchangeAuditEntry::channel, ExchangeAuditEntry::outcome)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("console", "accepted"),
                        org.assertj.core.groups.Tuple.tuple("console", "accepted"));
        mvc.perform(post("/admin/exchange/pins/" + pin.id() + "/removal")
                        .with(as(Role.ADMIN))
                        .with(csrf())
                        .param("confirm", "yes"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDirectoryIsLoadedOrRefusedByItsStepAndKeysAreRotated() throws Exception {
        var stale = refused(
                post("/admin/exchange/directory").param("document", TrustFixturesTest.fixture("directory-older.jws")));
        assertThat(stale).contains("id=\"document-error\"").contains("not newer than the one in use");
        assertThat(trust.directoryStatus().lastRefused()).isNotNull();
        assertThat(trust.directoryStatus().lastRefused().outcome()).isEqualTo("stale-directory");
        assertThat(page(Role.ADMIN)).contains("id=\"last-refused\"");

        int keys = authority.keys().size();
        mvc.perform(post("/admin/exchange/key-rotations").with(as(Role.ADMIN)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(authority.keys()).hasSize(keys + 2);
        assertThat(trust.audit(1).getFirst()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("key-rotation");
            assertThat(e.channel()).isEqualTo("console");
        });
    }

    private String page(Role role) throws Exception {
        return mvc.perform(get("/admin/exchange").with(as(role)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String refused(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(as(Role.ADMIN)).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
