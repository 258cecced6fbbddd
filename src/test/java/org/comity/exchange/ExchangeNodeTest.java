package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.exchange.domain.CardVerifier;
import org.comity.exchange.domain.Fingerprint;
import org.comity.node.DataDirectory;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node with an authority identity: it makes its keys at first start as owner-only files, serves a
 * card anyone can verify, and changes what it trusts only for administrators and only through a
 * document that passes every step.
 */
@NodeTest
@Import(TrustedXaNode.Clock.class)
class ExchangeNodeTest {

    static final MediaType JOSE = MediaType.parseMediaType("application/jose");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TrustedXaNode.properties(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    DataDirectory dataDirectory;

    @Autowired
    TrustDirectory trust;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    List<Path> keyFiles() throws Exception {
        try (var files = Files.list(dataDirectory.resolve("keys"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("exchange-"))
                    .sorted()
                    .toList();
        }
    }

    String currentSigningFingerprint() throws Exception {
        var body = mvc.perform(get("/api/exchange/authority").with(as(Role.ADMIN)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (var key : JSON.readTree(body).get("keys")) {
            if (key.get("purpose").asString().equals("SIGNING")
                    && key.get("current").asBoolean()) {
                return key.get("fingerprint").asString();
            }
        }
        throw new AssertionError("no current signing key in " + body);
    }

    @Test
    void firstStartMakesOneSigningAndOneEncryptionKeyReadableByTheOwnerOnly() throws Exception {
        // Other tests rotate; the keys made at start are the ones audited on the start channel.
        var generated = jdbc.sql(
                        "SELECT subject FROM exchange_audit WHERE channel = 'start' AND action = 'key-generation'")
                .query(String.class)
                .list();

        assertThat(generated).hasSize(2);
        var names = keyFiles().stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names)
                .contains(
                        "exchange-000001-sig-" + generated.get(0) + ".jwk",
                        "exchange-000002-enc-" + generated.get(1) + ".jwk");
        for (Path file : keyFiles()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void theConfiguredDirectoryWasVerifiedAndLoadedAtStart() {
        var loads = jdbc.sql("SELECT outcome || ' ' || subject FROM exchange_audit"
                        + " WHERE channel = 'start' AND action = 'directory-load'")
                .query(String.class)
                .list();

        assertThat(loads).containsExactly("accepted sequence 1");
    }

    @Test
    void aForgedDocumentAtTheConfiguredLocationChangesNothing() throws Exception {
        var before = trust.directory().map(DirectoryView::sequence);
        var forged = Files.createTempFile("forged", ".jws");
        Files.writeString(forged, TrustFixturesTest.fixture("directory-wrong-signer.jws"));

        new ConfiguredDirectory(trust, forged.toString()).loadAtStart();

        assertThat(trust.directory().map(DirectoryView::sequence)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT outcome FROM exchange_audit WHERE channel = 'start' ORDER BY id DESC LIMIT 1")
                        .query(String.class)
                        .single())
                .isEqualTo("untrusted-signer");
    }

    @Test
    void aDirectoryIsFetchedOverHttpsOnlyUnlessOnLoopback() {
        assertThatThrownBy(() -> ConfiguredDirectory.read("http://directory.example/directory.jws"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("https");
    }

    @Test
    void anyoneGetsTheCardAndCanVerifyItWithTheFingerprint() throws Exception {
        var card = mvc.perform(get("/api/exchange/authority-card"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(JOSE))
                .andReturn()
                .getResponse()
                .getContentAsString();

        var verified = CardVerifier.verify(
                card, Fingerprint.parse("fingerprint", currentSigningFingerprint()), ExchangeFixtures.NOW);
        assertThat(verified.entry().authority().id().value()).isEqualTo("xa-central-authority");
        assertThat(verified.entry().authority().name()).isEqualTo("Central Authority of XA");
        assertThat(verified.entry().keys())
                .hasSize(2)
                .allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }

    @Test
    void aSupervisorKeyIsWithdrawnByItsHolderOrAnAdministratorAndLeavesTheCard() throws Exception {
        var key = org.comity.exchange.domain.KeyRing.generate(
                KeyPurpose.SIGNING, ExchangeFixtures.NOW.minusSeconds(60), java.time.Duration.ofDays(30));
        var kid = key.getKeyID();
        mvc.perform(post("/api/exchange/supervisor-keys")
                        .with(as(Role.SUPERVISOR))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(key.toPublicJWK().toJSONString()))
                .andExpect(status().isCreated());
        assertThat(cardKeyIds()).contains(kid);

        // Not the caseworker's nor the auditor's to withdraw; an unknown key is 404.
        for (Role role : new Role[] {Role.CASEWORKER, Role.AUDITOR, Role.LEGAL_REVIEWER}) {
            mvc.perform(delete("/api/exchange/supervisor-keys/{kid}", kid).with(as(role)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(delete("/api/exchange/supervisor-keys/{kid}", "no-such-key").with(as(Role.SUPERVISOR)))
                .andExpect(status().isNotFound());

        mvc.perform(delete("/api/exchange/supervisor-keys/{kid}", kid).with(as(Role.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keyId").value(kid))
                .andExpect(jsonPath("$.validity.revokedAt").value(ExchangeFixtures.NOW.toString()));
        assertThat(cardKeyIds()).doesNotContain(kid);
        mvc.perform(delete("/api/exchange/supervisor-keys/{kid}", kid).with(as(Role.ADMIN)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("key-withdrawn"));
        // A withdrawn key cannot come back by registering it again.
        mvc.perform(post("/api/exchange/supervisor-keys")
                        .with(as(Role.SUPERVISOR))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(key.toPublicJWK().toJSONString()))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT count(*) FROM exchange_audit WHERE action = 'supervisor-key-withdrawal'"
                                + " AND outcome = 'accepted' AND subject = ?")
                        .param(kid)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // An administrator withdraws any supervisor's key (a holder who left, a lost device).
        var second = org.comity.exchange.domain.KeyRing.generate(
                KeyPurpose.SIGNING, ExchangeFixtures.NOW.minusSeconds(60), java.time.Duration.ofDays(30));
        mvc.perform(post("/api/exchange/supervisor-keys")
                        .with(as(Role.SUPERVISOR))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(second.toPublicJWK().toJSONString()))
                .andExpect(status().isCreated());
        mvc.perform(delete("/api/exchange/supervisor-keys/{kid}", second.getKeyID())
                        .with(as(Role.ADMIN)))
                .andExpect(status().isOk());
        assertThat(cardKeyIds()).doesNotContain(second.getKeyID());
    }

    /** The key ids the node's card publishes now. */
    List<String> cardKeyIds() throws Exception {
        var card = mvc.perform(get("/api/exchange/authority-card"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var payload = JSON.readTree(
                com.nimbusds.jose.util.Base64URL.from(card.split("\\.")[1]).decodeToString());
        var ids = new java.util.ArrayList<String>();
        payload.findValues("kid").forEach(v -> ids.add(v.asString()));
        return ids;
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET,    /api/exchange/authority,               AUDITOR, application/json",
        "POST,   /api/exchange/authority/key-rotations, ADMIN,   application/json",
        "GET,    /api/exchange/directory,               AUDITOR, application/json",
        "POST,   /api/exchange/directory,               ADMIN,   application/jose",
        "GET,    /api/exchange/pins,                    AUDITOR, application/json",
        "POST,   /api/exchange/pins,                    ADMIN,   application/json",
        "DELETE, /api/exchange/pins/1,                  ADMIN,   application/json",
        "GET,    /api/exchange/audit,                   AUDITOR, application/json",
    })
    void everyTrustEndpointIsForItsRolesOnly(String method, String path, Role least, String type) throws Exception {
        var body = type.equals("application/jose")
                ? TrustFixturesTest.fixture("directory-good.jws")
                : pinBody(
                        TrustFixturesTest.fixture("card-good.jws"), TrustFixturesTest.fixture("card-good.fingerprint"));
        java.util.function.Supplier<MockHttpServletRequestBuilder> request =
                () -> MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path)
                        .contentType(type)
                        .content(method.equals("POST") ? body : "");
        mvc.perform(request.get()).andExpect(status().isUnauthorized());
        var refused = new java.util.ArrayList<>(List.of(Role.CASEWORKER, Role.LEGAL_REVIEWER, Role.SUPERVISOR));
        if (least == Role.ADMIN) {
            refused.add(Role.AUDITOR);
        }
        for (Role role : refused) {
            mvc.perform(request.get().with(as(role))).andExpect(status().isForbidden());
        }
        if (method.equals("GET")) {
            mvc.perform(request.get().with(as(Role.AUDITOR))).andExpect(status().is(org.hamcrest.Matchers.not(403)));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM exchange_audit WHERE actor <> ? AND actor <> 'system'")
                        .param(TestAccounts.username(Role.ADMIN))
                        .query(Long.class)
                        .single())
                .as("a refused caller reached no action")
                .isZero();
    }

    @Test
    void theCardAcceptsNoChange() throws Exception {
        mvc.perform(post("/api/exchange/authority-card").contentType(JOSE).content("x"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aDirectoryThatPassesEveryStepIsUsedAndAForgedOneOrAForgedRowChangesNothing() throws Exception {
        mvc.perform(post("/api/exchange/directory")
                        .with(as(Role.ADMIN))
                        .contentType(JOSE)
                        .content(TrustFixturesTest.fixture("directory-good.jws")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sequence").value(2))
                .andExpect(jsonPath("$.authorities.length()").value(2));
        var xa = new AuthorityId("xa-central-authority");
        assertThat(trust.verifierFor(xa, TrustFixturesTest.kid("xa.signing"), ExchangeFixtures.NOW)
                        .source())
                .isEqualTo(TrustedKey.Source.DIRECTORY);

        for (var forged : List.of(
                new String[] {"directory-alg-none.jws", "refused-algorithm", "header.alg"},
                new String[] {"directory-altered-payload.jws", "bad-signature", "signature"},
                new String[] {"directory-older.jws", "stale-directory", "seq"})) {
            mvc.perform(post("/api/exchange/directory")
                            .with(as(Role.ADMIN))
                            .contentType(JOSE)
                            .content(TrustFixturesTest.fixture(forged[0])))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].rule").value(forged[1]))
                    .andExpect(jsonPath("$.errors[0].field").value(forged[2]));
        }
        mvc.perform(get("/api/exchange/directory").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sequence").value(2))
                .andExpect(jsonPath("$.authorities[1].inbox").value("https://xb.example/exchange/inbox"));
        mvc.perform(get("/api/exchange/audit").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].outcome").value("stale-directory"))
                .andExpect(jsonPath("$[1].outcome").value("bad-signature"))
                .andExpect(jsonPath("$[2].outcome").value("refused-algorithm"))
                .andExpect(jsonPath("$[3].outcome").value("accepted"))
                .andExpect(jsonPath("$[3].action").value("directory-load"));

        // What the node trusts is rebuilt from verified documents: a row written into the database by
        // hand adds nothing, even one that claims to be the newest.
        // The forged directory carries a higher sequence, as if it were the newest; it is signed by an impostor.
        jdbc.sql("""
                        INSERT INTO exchange_directory (sequence, operator, operator_key_id, issued_at, expires_at,
                            authorities, document, source, loaded_at, loaded_by)
                        VALUES (99, 'x', 'x', now(), now() + interval '1 day', 2, ?, 'upload', ?, 'intruder')""")
                .params(
                        TrustFixturesTest.fixture("directory-wrong-signer.jws"),
                        java.sql.Timestamp.from(ExchangeFixtures.NOW))
                .update();

        trust.reload();

        assertThat(trust.directory()).isEmpty();
        assertThatThrownBy(() -> trust.verifierFor(
                        new AuthorityId("xb-24-7"), TrustFixturesTest.kid("xb.signing"), ExchangeFixtures.NOW))
                .isInstanceOf(TrustRefused.UnknownAuthority.class);
    }

    String pinBody(String card, String fingerprint) {
        return JSON.writeValueAsString(java.util.Map.of("card", card, "fingerprint", fingerprint));
    }

    @Test
    void anAdministratorPinsACardWhoseFingerprintWasConfirmedAndUnpinsIt() throws Exception {
        var fingerprint = TrustFixturesTest.fixture("card-good.fingerprint");
        var xc = new AuthorityId("xc-central-authority");
        var kid = TrustFixturesTest.properties("card-good.keys.properties").getProperty("xc.signing");

        mvc.perform(post("/api/exchange/pins")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(pinBody(TrustFixturesTest.fixture("card-substituted-key.jws"), fingerprint)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("fingerprint-mismatch"))
                .andExpect(jsonPath("$.errors[0].field").value("fingerprint"));
        assertThatThrownBy(() -> trust.verifierFor(xc, kid, ExchangeFixtures.NOW))
                .isInstanceOf(TrustRefused.UnknownAuthority.class);

        var pinned = mvc.perform(post("/api/exchange/pins")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(pinBody(TrustFixturesTest.fixture("card-good.jws"), fingerprint)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.authority.id").value("xc-central-authority"))
                .andExpect(jsonPath("$.pinnedBy").value(TestAccounts.username(Role.ADMIN)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(trust.verifierFor(xc, kid, ExchangeFixtures.NOW).source()).isEqualTo(TrustedKey.Source.PIN);

        long id = JSON.readTree(pinned).get("id").asLong();
        mvc.perform(delete("/api/exchange/pins/" + id).with(as(Role.ADMIN))).andExpect(status().isNoContent());
        mvc.perform(delete("/api/exchange/pins/" + id).with(as(Role.ADMIN))).andExpect(status().isNotFound());
        assertThatThrownBy(() -> trust.verifierFor(xc, kid, ExchangeFixtures.NOW))
                .isInstanceOf(TrustRefused.UnknownAuthority.class);
    }

    @Test
    void aPinWithoutItsFingerprintNamesTheField() throws Exception {
        mvc.perform(post("/api/exchange/pins")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"card\": \"a.b.c\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("fingerprint"));
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsTheOldOnePublished() throws Exception {
        var before = currentSigningFingerprint();
        int filesBefore = keyFiles().size();

        mvc.perform(post("/api/exchange/authority/key-rotations").with(as(Role.ADMIN)))
                .andExpect(status().isCreated());

        var after = currentSigningFingerprint();
        assertThat(after).isNotEqualTo(before);
        var card = mvc.perform(get("/api/exchange/authority-card"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var verified = CardVerifier.verify(card, Fingerprint.parse("fingerprint", after), ExchangeFixtures.NOW);
        assertThat(verified.entry().keys()).hasSize(filesBefore + 2);
        assertThatThrownBy(
                        () -> CardVerifier.verify(card, Fingerprint.parse("fingerprint", before), ExchangeFixtures.NOW))
                .isInstanceOf(TrustRefused.FingerprintMismatch.class);
        assertThat(keyFiles())
                .hasSize(4)
                .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .isEqualTo("rw-------"));
    }
}
