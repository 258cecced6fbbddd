package org.comity.exchange.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
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
import org.comity.exchange.Authority;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.AuthorityRole;
import org.comity.exchange.Envelope;
import org.comity.exchange.KeyPurpose;
import org.comity.exchange.MessageRefused;
import org.comity.exchange.MessageType;
import org.comity.exchange.TrustedKey;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The message format and the receiving steps before storage, each attack refused by the step meant to
 * catch it. Fictional States: XA sends to XB; XC is a third authority; keys are made for the test.
 */
class MessagesTest {

    static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    static final Instant KEYS_FROM = Instant.parse("2027-01-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final AuthorityId XA = new AuthorityId("xa-central-authority");
    static final AuthorityId XB = new AuthorityId("xb-24-7");
    static final AuthorityId XC = new AuthorityId("xc-central-authority");

    static final ECKey XA_SIGNING = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, YEAR);
    static final ECKey XA_SUPERVISOR = new ECKey.Builder(KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, YEAR))
            .keyOperations(Set.of(KeyOperation.VERIFY))
            .build();
    static final ECKey XA_REVOKED = new ECKey.Builder(KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, YEAR))
            .keyRevocation(new KeyRevocation(
                    Date.from(Instant.parse("2027-02-15T00:00:00Z")), KeyRevocation.Reason.COMPROMISED))
            .build();
    static final ECKey XA_EXPIRED = KeyRing.generate(KeyPurpose.SIGNING, Instant.parse("2025-06-01T00:00:00Z"), YEAR);
    static final ECKey XA_ROTATED = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM.plusSeconds(86400), YEAR);
    static final ECKey XA_ENCRYPTION = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, YEAR);
    static final ECKey XB_SIGNING = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, YEAR);
    static final ECKey XB_ENCRYPTION = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, YEAR);
    static final ECKey XC_ENCRYPTION = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, YEAR);
    static final ECKey STRANGER = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, YEAR);

    static final TrustView TRUST = new TrustView(
            new VerifiedDirectory(
                    "Test operator",
                    "operator",
                    1,
                    Instant.parse("2027-02-01T00:00:00Z"),
                    Instant.parse("2027-09-01T00:00:00Z"),
                    List.of(
                            entry(
                                    XA,
                                    "XA",
                                    XA_SIGNING,
                                    XA_ROTATED,
                                    XA_SUPERVISOR,
                                    XA_REVOKED,
                                    XA_EXPIRED,
                                    XA_ENCRYPTION),
                            entry(XB, "XB", XB_SIGNING, XB_ENCRYPTION)),
                    "document"),
            List.of());

    static DirectoryEntry entry(AuthorityId id, String state, ECKey... keys) {
        return new DirectoryEntry(
                new Authority(
                        id,
                        CountryCode.of(state),
                        "Authority of " + state,
                        AuthorityRole.CENTRAL_AUTHORITY,
                        URI.create("https://" + state.toLowerCase() + ".example/api/exchange/inbox")),
                java.util.Arrays.stream(keys).map(ECKey::toPublicJWK).toList());
    }

    /** XB's side: its own encryption key, and the trust view above. */
    static final Messages.Keys AT_XB = new Messages.Keys() {
        @Override
        public AuthorityId me() {
            return XB;
        }

        @Override
        public @Nullable ECKey decryptionKey(String keyId) {
            return XB_ENCRYPTION.getKeyID().equals(keyId) ? XB_ENCRYPTION : null;
        }

        @Override
        public TrustedKey verifierFor(AuthorityId sender, String keyId, Instant at) {
            return TRUST.verifierFor(sender, keyId, at, NOW);
        }
    };

    static Envelope envelope(AuthorityId sender, AuthorityId recipient, boolean emergency, Instant created) {
        return new Envelope(
                UUID.randomUUID(),
                UUID.randomUUID(),
                MessageType.REQUEST,
                sender,
                recipient,
                created,
                created.plus(Duration.ofDays(7)),
                1,
                Messages.pairingToken(),
                emergency,
                "{\"subject\":\"preservation of stored data\"}");
    }

    static Envelope toXb() {
        return envelope(XA, XB, false, NOW.minusSeconds(60));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static Messages.Opened open(String sealed) {
        return Messages.open(bytes(sealed), 1 << 20, AT_XB, NOW);
    }

    static MessageRefused refusal(String sealed) {
        try {
            open(sealed);
        } catch (MessageRefused refused) {
            return refused;
        }
        throw new AssertionError("accepted");
    }

    /** A JWS signed by whatever keys and roles an attacker likes, encrypted to XB: anyone can encrypt to XB. */
    static String forged(Envelope envelope, List<ECKey> keys, List<String> roles, String payload) throws Exception {
        var jws = new JWSObjectJSON(new Payload(payload));
        for (int i = 0; i < keys.size(); i++) {
            jws.sign(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .type(new JOSEObjectType(Messages.JWS_TYPE))
                            .keyID(keys.get(i).getKeyID())
                            .customParam(Messages.SENDER, envelope.sender().value())
                            .customParam(Messages.SIGNER, roles.get(i))
                            .customParam(Messages.CREATED, envelope.created().getEpochSecond())
                            .build(),
                    new ECDSASigner(keys.get(i)));
        }
        return encryptToXb(jws.serializeGeneral());
    }

    static String encryptToXb(String plaintext) throws Exception {
        var jwe = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                        .type(new JOSEObjectType(Messages.JWE_TYPE))
                        .contentType(Messages.JWS_TYPE)
                        .keyID(XB_ENCRYPTION.getKeyID())
                        .build(),
                new Payload(plaintext));
        jwe.encrypt(new ECDHEncrypter(XB_ENCRYPTION.toPublicJWK()));
        return jwe.serialize();
    }

    static String json(Envelope e) {
        return JSONObjectUtils.toJSONString(Messages.toJson(e));
    }

    @Test
    void aSealedMessageOpensAtItsRecipientAsItWasSent() {
        var envelope = toXb();
        var sealed = Messages.seal(envelope, XA_SIGNING, null, XB_ENCRYPTION);

        var opened = open(sealed);

        assertThat(opened.envelope()).isEqualTo(envelope);
        assertThat(opened.signingKeyIds()).containsExactly(XA_SIGNING.getKeyID());
        assertThat(opened.digest()).isEqualTo(Messages.digest(bytes(sealed)));
        // Encrypted: nothing of the envelope shows on the wire.
        assertThat(sealed).doesNotContain("preservation").hasSize(sealed.length());
        assertThat(new Base64URL(sealed.split("\\.")[0]).decodeToString())
                .doesNotContain(XA.value())
                .contains("\"kid\":\"" + XB_ENCRYPTION.getKeyID() + "\"");
    }

    @Test
    void aSealedMessageOpensWithTheJdksOwnKeyAgreementAsAnotherImplementationWould() throws Exception {
        // Sealing agrees keys through Bouncy Castle; the forgeries below are encrypted through the JDK
        // and open here, and this is the other direction: the wire format does not depend on either.
        var envelope = toXb();
        var jwe = JWEObject.parse(Messages.seal(envelope, XA_SIGNING, null, XB_ENCRYPTION));

        jwe.decrypt(new com.nimbusds.jose.crypto.ECDHDecrypter(XB_ENCRYPTION));

        var jws = JWSObjectJSON.parse(jwe.getPayload().toString());
        assertThat(jws.getSignatures().getFirst().verify(new com.nimbusds.jose.crypto.ECDSAVerifier(XA_SIGNING)))
                .isTrue();
        assertThat(jws.getPayload().toString()).isEqualTo(json(envelope));
    }

    @Test
    void anEmergencyWithTheAuthorityAndASupervisorSignatureOpens() {
        var envelope = envelope(XA, XB, true, NOW.minusSeconds(60));

        var opened = open(Messages.seal(envelope, XA_SIGNING, XA_SUPERVISOR, XB_ENCRYPTION));

        assertThat(opened.envelope().emergency()).isTrue();
        assertThat(opened.signingKeyIds()).containsExactly(XA_SIGNING.getKeyID(), XA_SUPERVISOR.getKeyID());
    }

    @Test
    void anEmergencyCoSignedElsewhereOpensAndACoSignatureOfAnotherEnvelopeIsRefused() throws Exception {
        var envelope = envelope(XA, XB, true, NOW.minusSeconds(60));
        var payload = Messages.signedPayload(envelope);
        var header = Messages.protectedHeader(envelope, XA_SUPERVISOR.getKeyID(), Messages.SUPERVISOR_SIGNER);
        // What the supervisor's device does: ES256 over header.payload, nothing else.
        var signature = new com.nimbusds.jose.crypto.ECDSASigner(XA_SUPERVISOR)
                .sign(
                        new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256),
                        (header + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .toString();

        var opened = open(Messages.sealCoSigned(
                payload, envelope, XA_SIGNING, header, signature, XA_SUPERVISOR.toPublicJWK(), XB_ENCRYPTION));

        assertThat(opened.envelope()).isEqualTo(envelope);
        assertThat(opened.signingKeyIds()).containsExactly(XA_SIGNING.getKeyID(), XA_SUPERVISOR.getKeyID());

        var other = envelope(XA, XB, true, NOW.minusSeconds(30));
        assertThatThrownBy(() -> Messages.sealCoSigned(
                        Messages.signedPayload(other),
                        other,
                        XA_SIGNING,
                        header,
                        signature,
                        XA_SUPERVISOR.toPublicJWK(),
                        XB_ENCRYPTION))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmergencyWithOneSignatureIsRefused() throws Exception {
        var envelope = envelope(XA, XB, true, NOW.minusSeconds(60));

        var refused = refusal(forged(envelope, List.of(XA_SIGNING), List.of("authority"), json(envelope)));

        assertThat(refused).isInstanceOf(MessageRefused.EmergencyNeedsTwoSignatures.class);
        assertThat(refused.step()).isEqualTo("emergency-needs-two-signatures");
    }

    @Test
    void anEmergencySignedByTwoOfTheNodesOwnKeysIsRefused() throws Exception {
        // After a rotation a node holds two valid authority keys: together they are not a supervisor.
        var envelope = envelope(XA, XB, true, NOW.minusSeconds(60));

        assertThat(refusal(forged(
                                envelope,
                                List.of(XA_SIGNING, XA_ROTATED),
                                List.of("authority", "authority"),
                                json(envelope)))
                        .step())
                .isEqualTo("emergency-needs-two-signatures");
        assertThat(refusal(forged(
                                envelope,
                                List.of(XA_SIGNING, XA_ROTATED),
                                List.of("authority", "supervisor"),
                                json(envelope)))
                        .step())
                .isEqualTo("wrong-signer-role");
        assertThat(refusal(forged(
                                envelope,
                                List.of(XA_SIGNING, XA_SIGNING),
                                List.of("authority", "supervisor"),
                                json(envelope)))
                        .step())
                .isEqualTo("malformed-message");
    }

    @Test
    void aSupervisorKeyCannotSignAsTheAuthority() throws Exception {
        var envelope = toXb();

        assertThat(refusal(forged(envelope, List.of(XA_SUPERVISOR), List.of("authority"), json(envelope)))
                        .step())
                .isEqualTo("wrong-signer-role");
    }

    @Test
    void aSecondSignatureOnAnOrdinaryMessageIsRefused() throws Exception {
        var envelope = toXb();

        assertThat(refusal(forged(
                                envelope,
                                List.of(XA_SIGNING, XA_SUPERVISOR),
                                List.of("authority", "supervisor"),
                                json(envelope)))
                        .step())
                .isEqualTo("malformed-message");
    }

    @Test
    void aKeyTheDirectoryDoesNotListIsRefused() {
        var refused = refusal(Messages.seal(toXb(), STRANGER, null, XB_ENCRYPTION));

        assertThat(refused.step()).isEqualTo("unknown-key");
        assertThat(refused.field()).isEqualTo("signatures[0].kid");
    }

    @Test
    void anAuthorityTheDirectoryDoesNotListIsRefused() {
        var refused = refusal(Messages.seal(envelope(XC, XB, false, NOW), STRANGER, null, XB_ENCRYPTION));

        assertThat(refused.step()).isEqualTo("unknown-authority");
    }

    @Test
    void aRevokedKeyIsRefusedWhateverDateTheMessageClaims() {
        var backdated = envelope(XA, XB, false, Instant.parse("2027-02-01T00:00:00Z"));

        var refused = refusal(Messages.seal(backdated, XA_REVOKED, null, XB_ENCRYPTION));

        assertThat(refused.step()).isEqualTo("key-revoked");
    }

    @Test
    void aKeyOutsideItsValidityOnTheMessageDateIsRefused() {
        assertThat(refusal(Messages.seal(toXb(), XA_EXPIRED, null, XB_ENCRYPTION))
                        .step())
                .isEqualTo("key-expired");
        var beforeKey = envelope(XA, XB, false, Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(refusal(Messages.seal(beforeKey, XA_SIGNING, null, XB_ENCRYPTION))
                        .step())
                .isEqualTo("key-not-yet-valid");
    }

    @Test
    void anEncryptionKeyCannotSign() {
        assertThat(refusal(Messages.seal(toXb(), XA_ENCRYPTION, null, XB_ENCRYPTION))
                        .step())
                .isEqualTo("wrong-key-purpose");
    }

    @Test
    void aTamperedCiphertextIsRefusedByDecryption() {
        var parts = Messages.seal(toXb(), XA_SIGNING, null, XB_ENCRYPTION).split("\\.");
        var ciphertext = new Base64URL(parts[3]).decode();
        ciphertext[ciphertext.length / 2] ^= 1;
        parts[3] = Base64URL.encode(ciphertext).toString();

        var refused = refusal(String.join(".", parts));

        assertThat(refused).isInstanceOf(MessageRefused.Undecryptable.class);
        assertThat(refused.step()).isEqualTo("undecryptable");
    }

    @Test
    void aTamperedHeaderIsRefusedByDecryptionToo() {
        var parts = Messages.seal(toXb(), XA_SIGNING, null, XB_ENCRYPTION).split("\\.");
        var header = new Base64URL(parts[0]).decodeToString().replace("\"typ\"", "\"zzz\":1,\"typ\"");
        parts[0] = Base64URL.encode(header).toString();

        // An added member is refused outright; the authenticated header cannot be changed unseen.
        assertThat(refusal(String.join(".", parts)).step()).isEqualTo("refused-algorithm");
    }

    @Test
    void anEnvelopeAlteredAndReEncryptedByAnyoneIsRefusedBySignature() throws Exception {
        var envelope = toXb();
        var sealed = Messages.seal(envelope, XA_SIGNING, null, XB_ENCRYPTION);
        var genuine = open(sealed);
        assertThat(genuine.envelope()).isEqualTo(envelope);
        // The attacker has a genuine signature over another payload and swaps the payload.
        var jws = new JWSObjectJSON(new Payload(json(envelope)));
        jws.sign(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(new JOSEObjectType(Messages.JWS_TYPE))
                        .keyID(XA_SIGNING.getKeyID())
                        .customParam(Messages.SENDER, XA.value())
                        .customParam(Messages.SIGNER, "authority")
                        .customParam(Messages.CREATED, envelope.created().getEpochSecond())
                        .build(),
                new ECDSASigner(XA_SIGNING));
        var general = JSONObjectUtils.parse(jws.serializeGeneral());
        general.put(
                "payload",
                Base64URL.encode(json(envelope).replace("preservation", "production"))
                        .toString());

        var refused = refusal(encryptToXb(JSONObjectUtils.toJSONString(general)));

        assertThat(refused.step()).isEqualTo("bad-signature");
    }

    @Test
    void aMessageEncryptedToAnotherNodeIsNotForMe() {
        var refused = refusal(Messages.seal(toXb(), XA_SIGNING, null, XC_ENCRYPTION));

        assertThat(refused.step()).isEqualTo("not-for-me");
    }

    @Test
    void aMessageSignedForAnotherRecipientAndForwardedHereIsRefused() {
        // XC received it, decrypted it and re-encrypted it to XB: the signed recipient gives it away.
        var forXc = envelope(XA, XC, false, NOW.minusSeconds(60));

        var refused = refusal(Messages.seal(forXc, XA_SIGNING, null, XB_ENCRYPTION));

        assertThat(refused.step()).isEqualTo("wrong-recipient");
    }

    @Test
    void anExpiredMessageIsRefusedAndOneFromTheFutureToo() {
        var old = new Envelope(
                UUID.randomUUID(),
                UUID.randomUUID(),
                MessageType.CORRESPONDENCE,
                XA,
                XB,
                NOW.minus(Duration.ofDays(2)),
                NOW,
                3,
                Messages.pairingToken(),
                false,
                "{}");
        assertThat(refusal(Messages.seal(old, XA_SIGNING, null, XB_ENCRYPTION)).step())
                .isEqualTo("expired");
        var ahead = envelope(XA, XB, false, NOW.plus(Duration.ofMinutes(6)));
        assertThat(refusal(Messages.seal(ahead, XA_SIGNING, null, XB_ENCRYPTION))
                        .step())
                .isEqualTo("not-yet-valid");
        var withinSkew = envelope(XA, XB, false, NOW.plus(Duration.ofMinutes(4)));
        assertThat(open(Messages.seal(withinSkew, XA_SIGNING, null, XB_ENCRYPTION))
                        .envelope())
                .isEqualTo(withinSkew);
    }

    @Test
    void anOversizedMessageIsRefusedBeforeItIsRead() {
        byte[] large = new byte[(1 << 20) + 1];

        var refused = (MessageRefused)
                org.assertj.core.api.Assertions.catchThrowable(() -> Messages.open(large, 1 << 20, AT_XB, NOW));

        assertThat(refused.step()).isEqualTo("too-large");
    }

    @Test
    void noOtherAlgorithmAndNoSelfChosenKeyIsAccepted() {
        var parts = Messages.seal(toXb(), XA_SIGNING, null, XB_ENCRYPTION).split("\\.");
        for (var swap : List.of(
                new String[] {"\"ECDH-ES\"", "\"RSA-OAEP-256\""},
                new String[] {"\"A256GCM\"", "\"A128CBC-HS256\""},
                new String[] {"\"typ\"", "\"jku\":\"https://attacker.example\",\"typ\""})) {
            var header = new Base64URL(parts[0]).decodeToString().replace(swap[0], swap[1]);
            var tampered = Base64URL.encode(header) + "." + parts[1] + "." + parts[2] + "." + parts[3] + "." + parts[4];
            assertThat(refusal(tampered).step()).as(swap[1]).isEqualTo("refused-algorithm");
        }
        assertThat(refusal("not.a.jwe").step()).isEqualTo("malformed-message");
    }

    @Test
    void aSignatureWithAnUnprotectedHeaderOrAnotherAlgorithmIsRefused() throws Exception {
        var envelope = toXb();
        var jws = JSONObjectUtils.parse(
                new JWEObjectPeek(Messages.seal(envelope, XA_SIGNING, null, XB_ENCRYPTION)).plaintext());
        @SuppressWarnings("unchecked")
        var signature = (java.util.Map<String, Object>) ((List<Object>) jws.get("signatures")).getFirst();
        signature.put("header", java.util.Map.of("kid", STRANGER.getKeyID()));

        assertThat(refusal(encryptToXb(JSONObjectUtils.toJSONString(jws))).step())
                .isEqualTo("malformed-message");
    }

    /** Decrypts with XB's key, as only XB can: to build forgeries from a genuine message. */
    record JWEObjectPeek(String sealed) {
        String plaintext() throws Exception {
            var jwe = JWEObject.parse(sealed);
            jwe.decrypt(new com.nimbusds.jose.crypto.ECDHDecrypter(XB_ENCRYPTION));
            return jwe.getPayload().toString();
        }
    }
}
