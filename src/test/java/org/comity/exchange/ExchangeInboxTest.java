package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyRevocation;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.KeyRing;
import org.comity.exchange.domain.Messages;
import org.comity.shared.CountryCode;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * XB's inbox over HTTP, without signing in (the message authenticates itself): a good message is
 * stored once with a signed receipt and published; every attack is refused by its step with a problem
 * naming it, audited with that step, and leaves nothing stored and nothing published.
 */
@NodeTest
class ExchangeInboxTest {

    static final MediaType JOSE = MediaType.parseMediaType("application/jose");
    static final Instant NOW = ExchangeFixtures.NOW;
    static final Instant KEYS_FROM = NOW.minus(Duration.ofDays(30));
    static final AuthorityId XA = new AuthorityId("xa-central-authority");
    static final AuthorityId XB = new AuthorityId("xb-central-authority");

    static final ECKey XA_SIGNING = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, Duration.ofDays(365));
    static final ECKey XA_ENCRYPTION = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, Duration.ofDays(365));
    static final ECKey XA_SUPERVISOR = new ECKey.Builder(
                    KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, Duration.ofDays(365)))
            .keyOperations(Set.of(KeyOperation.VERIFY))
            .build();
    static final ECKey XA_REVOKED = new ECKey.Builder(
                    KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, Duration.ofDays(365)))
            .keyRevocation(
                    new KeyRevocation(Date.from(NOW.minus(Duration.ofDays(1))), KeyRevocation.Reason.COMPROMISED))
            .build();
    static final ECKey STRANGER = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, Duration.ofDays(365));

    @TestConfiguration
    static class Setup {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW);
        }

        @Bean
        Accepted accepted() {
            return new Accepted();
        }
    }

    static class Accepted {
        final List<MessageAccepted> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @EventListener
        void on(MessageAccepted event) {
            events.add(event);
        }
    }

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("comity.exchange.authority.state", () -> "XB");
        registry.add("comity.exchange.authority.inbox", () -> "https://xb.example/api/exchange/inbox");
        registry.add("comity.exchange.messages.max-bytes", () -> "65536");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TrustDirectory trust;

    @Autowired
    LocalAuthority local;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accepted accepted;

    @BeforeEach
    void trustXa() {
        if (trust.pins().isEmpty()) {
            var xa = new Authority(
                    XA,
                    CountryCode.of("XA"),
                    "Central Authority of XA",
                    AuthorityRole.CENTRAL_AUTHORITY,
                    URI.create("https://xa.example/api/exchange/inbox"));
            var card = new KeyRing(List.of(XA_REVOKED, XA_ENCRYPTION, XA_SIGNING))
                    .card(xa, NOW, Duration.ofDays(30), List.of(XA_SUPERVISOR.toPublicJWK()));
            trust.pin(card, Fingerprint.of(XA_SIGNING).hex(), "admin");
        }
    }

    ECKey myEncryptionKey() {
        var kid = local.keys().stream()
                .filter(k -> k.purpose() == KeyPurpose.ENCRYPTION && k.current())
                .findFirst()
                .orElseThrow()
                .keyId();
        return local.decryptionKey(kid).toPublicJWK();
    }

    static Envelope envelope(AuthorityId recipient, boolean emergency, Instant created, Instant expires) {
        return new Envelope(
                UUID.randomUUID(),
                UUID.randomUUID(),
                MessageType.REQUEST,
                XA,
                recipient,
                created,
                expires,
                1,
                Messages.pairingToken(),
                emergency,
                "{\"subject\":\"preservation of stored data\"}");
    }

    static Envelope good() {
        return envelope(XB, false, NOW.minusSeconds(30), NOW.plus(Duration.ofDays(7)));
    }

    String seal(Envelope e, ECKey signer) {
        return Messages.seal(e, signer, null, myEncryptionKey());
    }

    ResultActions deliver(String body) throws Exception {
        return deliver(body.getBytes(StandardCharsets.US_ASCII));
    }

    ResultActions deliver(byte[] body) throws Exception {
        return mvc.perform(post("/api/exchange/inbox").contentType(JOSE).content(body));
    }

    long stored() {
        return jdbc.sql("SELECT count(*) FROM exchange_inbox").query(Long.class).single();
    }

    long audited(String outcome) {
        return jdbc.sql("SELECT count(*) FROM exchange_audit WHERE action = 'message-receive' AND outcome = ?")
                .param(outcome)
                .query(Long.class)
                .single();
    }

    /** Delivers {@code body}, expects the refusal {@code step}, audited, with nothing stored or published. */
    void refused(String body, String step) throws Exception {
        long before = stored();
        long auditedBefore = audited(step);
        int events = accepted.events.size();

        deliver(body)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value(step));

        assertThat(stored()).isEqualTo(before);
        assertThat(audited(step)).isEqualTo(auditedBefore + 1);
        assertThat(accepted.events).hasSize(events);
    }

    @Test
    void aGoodMessageIsStoredOnceAnsweredWithASignedReceiptAndPublished() throws Exception {
        var envelope = good();
        var sealed = seal(envelope, XA_SIGNING);
        long before = stored();

        var receipt = deliver(sealed)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(JOSE))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var again = deliver(sealed)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(again).isEqualTo(receipt);
        assertThat(stored()).isEqualTo(before + 1);
        assertThat(accepted.events)
                .filteredOn(m -> m.envelope().messageId().equals(envelope.messageId()))
                .singleElement()
                .satisfies(m -> assertThat(m.envelope()).isEqualTo(envelope));
        var payload = JSONObjectUtils.parse(new Base64URL(receipt.split("\\.")[1]).decodeToString());
        assertThat(payload)
                .containsEntry("message", envelope.messageId().toString())
                .containsEntry("digest", Messages.digest(sealed.getBytes(StandardCharsets.US_ASCII)))
                .containsEntry("receiver", XB.value());
    }

    static final MediaType BATCH = MediaType.parseMediaType("application/comity-messages+json");

    ResultActions deliverBatch(String... messages) throws Exception {
        var body = "{\"messages\":["
                + String.join(
                        ",",
                        java.util.Arrays.stream(messages)
                                .map(m -> "\"" + m + "\"")
                                .toList())
                + "]}";
        return mvc.perform(post("/api/exchange/inbox").contentType(BATCH).content(body));
    }

    static String tampered(String sealed) {
        var parts = sealed.split("\\.");
        var ciphertext = new Base64URL(parts[3]).decode();
        ciphertext[0] ^= 0x40;
        parts[3] = Base64URL.encode(ciphertext).toString();
        return String.join(".", parts);
    }

    @Test
    void aBatchAnswersEachMessageAsTheInboxAnswersItAloneEachVerifiedStoredAndAuditedOnItsOwn() throws Exception {
        var envelope = good();
        var sealed = seal(envelope, XA_SIGNING);
        var other = good();
        var otherSealed = seal(other, XA_SIGNING);
        long before = stored();
        long undecryptable = audited("undecryptable");
        long revoked = audited("key-revoked");
        long acceptedBefore = audited("accepted");
        long duplicates = audited("duplicate");

        var answer = deliverBatch(
                        sealed, tampered(seal(good(), XA_SIGNING)), seal(good(), XA_REVOKED), sealed, otherSealed)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(5))
                .andExpect(jsonPath("$.results[0].status").value(200))
                .andExpect(jsonPath("$.results[1].status").value(422))
                .andExpect(jsonPath("$.results[1].errors[0].rule").value("undecryptable"))
                .andExpect(jsonPath("$.results[1].receipt").doesNotExist())
                .andExpect(jsonPath("$.results[2].status").value(422))
                .andExpect(jsonPath("$.results[2].errors[0].rule").value("key-revoked"))
                .andExpect(jsonPath("$.results[3].status").value(200))
                .andExpect(jsonPath("$.results[4].status").value(200))
                .andReturn()
                .getResponse()
                .getContentAsString();

        var results = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(answer), "results");
        var receipt = (String) ((java.util.Map<?, ?>) results.get(0)).get("receipt");
        // The same message twice in a batch is the duplicate path, and alone it gets the same receipt.
        assertThat(((java.util.Map<?, ?>) results.get(3)).get("receipt")).isEqualTo(receipt);
        assertThat(deliver(sealed).andReturn().getResponse().getContentAsString())
                .isEqualTo(receipt);
        var payload = JSONObjectUtils.parse(new Base64URL(receipt.split("\\.")[1]).decodeToString());
        assertThat(payload)
                .containsEntry("message", envelope.messageId().toString())
                .containsEntry("digest", Messages.digest(sealed.getBytes(StandardCharsets.US_ASCII)));
        var otherReceipt = (String) ((java.util.Map<?, ?>) results.get(4)).get("receipt");
        assertThat(JSONObjectUtils.parse(new Base64URL(otherReceipt.split("\\.")[1]).decodeToString()))
                .containsEntry("message", other.messageId().toString());
        assertThat(stored()).isEqualTo(before + 2);
        assertThat(audited("undecryptable")).isEqualTo(undecryptable + 1);
        assertThat(audited("key-revoked")).isEqualTo(revoked + 1);
        assertThat(audited("accepted")).isEqualTo(acceptedBefore + 2);
        assertThat(audited("duplicate")).isEqualTo(duplicates + 2);
        assertThat(accepted.events)
                .filteredOn(m -> m.envelope().messageId().equals(envelope.messageId()))
                .hasSize(1);
    }

    @Test
    void aMalformedBatchIsRefusedAsAWholeAndNothingOfItIsReceived() throws Exception {
        var sealed = seal(good(), XA_SIGNING);
        long before = stored();
        var tooMany = new String[org.comity.exchange.ExchangeProperties.MAX_BATCH + 1];
        java.util.Arrays.fill(tooMany, "x");
        for (var body : List.of(
                "not json",
                "[\"" + sealed + "\"]",
                "{\"messages\":[]}",
                "{\"messages\":[1]}",
                "{\"messages\":\"" + sealed + "\"}",
                "{\"messages\":[\"" + sealed + "\"],\"more\":1}",
                "{\"messages\":["
                        + String.join(
                                ",",
                                java.util.Arrays.stream(tooMany)
                                        .map(m -> "\"" + m + "\"")
                                        .toList()) + "]}")) {
            mvc.perform(post("/api/exchange/inbox").contentType(BATCH).content(body))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.errors[0].field").value("messages"))
                    .andExpect(jsonPath("$.errors[0].rule").value("malformed-batch"));
        }
        // Over the inbox's bound (64 KiB here) as a whole, though each message alone is within it.
        var many = new String[65536 / sealed.length() + 1];
        assertThat(many.length).isLessThanOrEqualTo(org.comity.exchange.ExchangeProperties.MAX_BATCH);
        java.util.Arrays.fill(many, sealed);
        // It names its rule and bound, so a sender can split (docs/exchange.md, "Batches").
        deliverBatch(many)
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.rule").value("batch-too-large"))
                .andExpect(jsonPath("$.maxBytes").value(65536));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aKeyThePinnedCardDoesNotListIsRefused() throws Exception {
        refused(seal(good(), STRANGER), "unknown-key");
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        refused(seal(good(), XA_REVOKED), "key-revoked");
    }

    @Test
    void aTamperedCiphertextIsRefused() throws Exception {
        var parts = seal(good(), XA_SIGNING).split("\\.");
        var ciphertext = new Base64URL(parts[3]).decode();
        ciphertext[0] ^= 0x40;
        parts[3] = Base64URL.encode(ciphertext).toString();

        refused(String.join(".", parts), "undecryptable");
    }

    @Test
    void aReplayedMessageIdWithOtherBytesIsRefusedAndTheFirstStaysAsItWas() throws Exception {
        var envelope = good();
        var first = seal(envelope, XA_SIGNING);
        deliver(first).andExpect(status().isOk());
        // The same signed envelope, encrypted again: other bytes under an id already accepted.
        var reEncrypted = seal(envelope, XA_SIGNING);
        assertThat(reEncrypted).isNotEqualTo(first);

        refused(reEncrypted, "replayed");
    }

    @Test
    void aLowerSequenceInAConversationIsRefused() throws Exception {
        var second = new Envelope(
                UUID.randomUUID(),
                UUID.randomUUID(),
                MessageType.CORRESPONDENCE,
                XA,
                XB,
                NOW.minusSeconds(30),
                NOW.plusSeconds(3600),
                2,
                Messages.pairingToken(),
                false,
                "{}");
        deliver(seal(second, XA_SIGNING)).andExpect(status().isOk());
        var first = new Envelope(
                UUID.randomUUID(),
                second.conversationId(),
                MessageType.CORRESPONDENCE,
                XA,
                XB,
                NOW.minusSeconds(20),
                NOW.plusSeconds(3600),
                2,
                Messages.pairingToken(),
                false,
                "{}");

        refused(seal(first, XA_SIGNING), "out-of-sequence");
    }

    @Test
    void aMessageForAnotherRecipientIsRefused() throws Exception {
        var forXc = envelope(new AuthorityId("xc-central-authority"), false, NOW.minusSeconds(30), NOW.plusSeconds(60));

        refused(seal(forXc, XA_SIGNING), "wrong-recipient");
    }

    @Test
    void anExpiredMessageIsRefused() throws Exception {
        var old = envelope(XB, false, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)));

        refused(seal(old, XA_SIGNING), "expired");
    }

    @Test
    void anOversizedMessageIsRefusedBeforeItIsParsedAndAudited() throws Exception {
        long before = stored();
        long audited = audited("too-large");

        deliver(new byte[65537]).andExpect(status().isContentTooLarge());

        assertThat(stored()).isEqualTo(before);
        assertThat(audited("too-large")).isEqualTo(audited + 1);
    }

    @Test
    void anEmergencyWithOneSignatureIsRefusedAndOneWithTheSupervisorsIsAccepted() throws Exception {
        var emergency = envelope(XB, true, NOW.minusSeconds(30), NOW.plusSeconds(3600));
        var jws = new JWSObjectJSON(new Payload(JSONObjectUtils.toJSONString(Messages.toJson(emergency))));
        jws.sign(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(new JOSEObjectType(Messages.JWS_TYPE))
                        .keyID(XA_SIGNING.getKeyID())
                        .customParam(Messages.SENDER, XA.value())
                        .customParam(Messages.SIGNER, Messages.AUTHORITY_SIGNER)
                        .customParam(Messages.CREATED, emergency.created().getEpochSecond())
                        .build(),
                new ECDSASigner(XA_SIGNING));
        var jwe = new com.nimbusds.jose.JWEObject(
                new com.nimbusds.jose.JWEHeader.Builder(
                                com.nimbusds.jose.JWEAlgorithm.ECDH_ES, com.nimbusds.jose.EncryptionMethod.A256GCM)
                        .type(new JOSEObjectType(Messages.JWE_TYPE))
                        .contentType(Messages.JWS_TYPE)
                        .keyID(myEncryptionKey().getKeyID())
                        .build(),
                new Payload(jws.serializeGeneral()));
        jwe.encrypt(new com.nimbusds.jose.crypto.ECDHEncrypter(myEncryptionKey()));

        refused(jwe.serialize(), "emergency-needs-two-signatures");

        var cosigned = Messages.seal(
                envelope(XB, true, NOW.minusSeconds(30), NOW.plusSeconds(3600)),
                XA_SIGNING,
                XA_SUPERVISOR,
                myEncryptionKey());
        deliver(cosigned).andExpect(status().isOk());
    }

    @Test
    void aMessageEncryptedToAnotherNodeIsNotForMe() throws Exception {
        var other = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, Duration.ofDays(365));

        refused(Messages.seal(good(), XA_SIGNING, null, other), "not-for-me");
    }
}
