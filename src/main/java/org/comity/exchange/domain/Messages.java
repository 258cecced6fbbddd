package org.comity.exchange.domain;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageRefused;
import org.comity.exchange.MessageType;
import org.comity.exchange.TrustRefused;
import org.comity.exchange.TrustedKey;
import org.comity.shared.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * The message format (docs/exchange.md, "Messages"): the envelope as JSON, signed with JWS JSON general
 * serialization (ES256; one signature by the sending authority, two for an emergency: the authority's
 * and a supervisor's), the whole then encrypted as a compact JWE (ECDH-ES, A256GCM) to the recipient's
 * encryption key. Opening runs the verification steps in their documented order and throws the first
 * refusal; what is left for storage (replay, sequence) the caller checks.
 */
public final class Messages {

    public static final String JWE_TYPE = "comity-message+jwe";
    public static final String JWS_TYPE = "comity-message+jws";
    public static final String SENDER = "comity-sender";
    public static final String SIGNER = "comity-signer";
    public static final String CREATED = "comity-created";
    public static final String AUTHORITY_SIGNER = "authority";
    public static final String SUPERVISOR_SIGNER = "supervisor";
    public static final int VERSION = 1;

    /** How far ahead of this node's clock a sender's clock may be. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Set<String> JWE_HEADERS = Set.of("alg", "enc", "kid", "typ", "cty", "epk");
    private static final Set<String> JWS_HEADERS = Set.of("alg", "kid", "typ", SENDER, SIGNER, CREATED);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Messages() {}

    /** What the receiving side needs to open a message. */
    public interface Keys {
        AuthorityId me();

        /** This node's encryption key (private) with this id, or null if it has none. */
        @Nullable
        ECKey decryptionKey(String keyId);

        /** @throws TrustRefused as {@code TrustDirectory.verifierFor} does */
        TrustedKey verifierFor(AuthorityId sender, String keyId, Instant at);
    }

    /** A message that passed every step before storage, with the SHA-256 of the bytes received. */
    public record Opened(Envelope envelope, String digest, List<String> signingKeyIds) {}

    /** A random pairing token: 32 bytes, base64url. */
    public static String pairingToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    /** SHA-256 of the bytes as they travel, in lower-case hex: what a receipt names. */
    public static String digest(byte[] body) {
        return Sha256.hex(body);
    }

    /**
     * Signs and encrypts.
     *
     * @param supervisorKey the supervisor's private key, for an emergency (required then, refused otherwise)
     */
    public static String seal(
            Envelope envelope, ECKey authorityKey, @Nullable ECKey supervisorKey, ECKey recipientEncryptionKey) {
        if (envelope.emergency() != (supervisorKey != null)) {
            throw new IllegalArgumentException("an emergency request, and only one, carries a supervisor's signature");
        }
        var jws = new JWSObjectJSON(new Payload(JSONObjectUtils.toJSONString(toJson(envelope))));
        try {
            jws.sign(signatureHeader(envelope, authorityKey, AUTHORITY_SIGNER), P256.signer(authorityKey));
            if (supervisorKey != null) {
                jws.sign(signatureHeader(envelope, supervisorKey, SUPERVISOR_SIGNER), P256.signer(supervisorKey));
            }
            return encrypt(jws.serializeGeneral(), recipientEncryptionKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal message " + envelope.messageId(), e);
        }
    }

    private static String encrypt(String signed, ECKey recipientEncryptionKey) throws JOSEException {
        var header = new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM)
                .type(new JOSEObjectType(JWE_TYPE))
                .contentType(JWS_TYPE)
                .keyID(recipientEncryptionKey.getKeyID())
                .build();
        var jwe = new JWEObject(header, new Payload(signed));
        jwe.encrypt(EcdhEs.encrypter(recipientEncryptionKey));
        return jwe.serialize();
    }

    /** The envelope as the JWS payload travels: base64url of its JSON. Fixed once, so a co-signer signs these bytes. */
    public static String signedPayload(Envelope envelope) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(toJson(envelope))).toString();
    }

    /**
     * One signature's protected header, base64url of its JSON in a fixed member order: with {@link
     * #signedPayload} it is the signing input {@code header.payload} a co-signer signs on their own
     * device.
     */
    public static String protectedHeader(Envelope envelope, String keyId, String role) {
        var header = new LinkedHashMap<String, Object>();
        header.put("alg", "ES256");
        header.put("typ", JWS_TYPE);
        header.put("kid", keyId);
        header.put(SENDER, envelope.sender().value());
        header.put(SIGNER, role);
        header.put(CREATED, envelope.created().getEpochSecond());
        return Base64URL.encode(JSONObjectUtils.toJSONString(header)).toString();
    }

    /**
     * Checks a supervisor's signature (ES256, 64 bytes R || S, base64url) over {@code header.payload}
     * with their public key, as the receiving node will.
     *
     * @throws IllegalArgumentException if it does not verify
     */
    public static void verifyCoSignature(String header, String signedPayload, String signature, ECKey supervisor) {
        boolean valid;
        try {
            valid = Es256Verifier.of(supervisor.toECPublicKey())
                    .verify(
                            new JWSHeader(JWSAlgorithm.ES256),
                            (header + "." + signedPayload).getBytes(StandardCharsets.US_ASCII),
                            new Base64URL(signature));
        } catch (JOSEException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("the co-signature does not verify with the supervisor's key");
        }
    }

    /**
     * Seals an emergency request whose supervisor signature was made elsewhere: the authority signs the
     * same payload, the supervisor's signature (checked here again) follows it, and the whole is
     * encrypted as {@link #seal} does. The node never holds the supervisor's private key.
     */
    public static String sealCoSigned(
            String signedPayload,
            Envelope envelope,
            ECKey authorityKey,
            String supervisorHeader,
            String supervisorSignature,
            ECKey supervisor,
            ECKey recipientEncryptionKey) {
        verifyCoSignature(supervisorHeader, signedPayload, supervisorSignature, supervisor);
        try {
            var authorityHeader = protectedHeader(envelope, authorityKey.getKeyID(), AUTHORITY_SIGNER);
            var authoritySignature = P256.signer(authorityKey)
                    .sign(
                            new JWSHeader(JWSAlgorithm.ES256),
                            (authorityHeader + "." + signedPayload).getBytes(StandardCharsets.US_ASCII));
            var jws = new LinkedHashMap<String, Object>();
            jws.put("payload", signedPayload);
            jws.put(
                    "signatures",
                    List.of(
                            Map.of("protected", authorityHeader, "signature", authoritySignature.toString()),
                            Map.of("protected", supervisorHeader, "signature", supervisorSignature)));
            return encrypt(JSONObjectUtils.toJSONString(jws), recipientEncryptionKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal message " + envelope.messageId(), e);
        }
    }

    private static JWSHeader signatureHeader(Envelope envelope, ECKey key, String role) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(JWS_TYPE))
                .keyID(key.getKeyID())
                .customParam(SENDER, envelope.sender().value())
                .customParam(SIGNER, role)
                .customParam(CREATED, envelope.created().getEpochSecond())
                .build();
    }

    /** The envelope as its signed JSON. */
    public static Map<String, Object> toJson(Envelope e) {
        var json = new LinkedHashMap<String, Object>();
        json.put("v", VERSION);
        json.put("id", e.messageId().toString());
        json.put("conversation", e.conversationId().toString());
        json.put("type", e.type().code());
        json.put("sender", e.sender().value());
        json.put("recipient", e.recipient().value());
        json.put("created", e.created().getEpochSecond());
        json.put("expires", e.expires().getEpochSecond());
        json.put("sequence", e.sequence());
        json.put("pairing", e.pairingToken());
        json.put("emergency", e.emergency());
        try {
            json.put("payload", JSONObjectUtils.parse(e.payload()));
        } catch (ParseException ex) {
            throw new IllegalArgumentException("the payload is not a JSON object");
        }
        return json;
    }

    /**
     * The verification steps up to storage, in order: size, the JWE's form, addressed to one of my
     * keys, decryption, the JWS's form, the sender and its keys on the message's date, every signature,
     * the recipient, the emergency rule, the time window.
     */
    public static Opened open(byte[] body, int maxBytes, Keys keys, Instant now) {
        if (body.length > maxBytes) {
            throw new MessageRefused.TooLarge("a message is at most " + maxBytes + " bytes");
        }
        String compact = ascii(body).strip();
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 5) {
            throw new MessageRefused.Malformed("body", "not a compact JWE (five base64url parts)");
        }
        var header = jsonObject(parts[0], "header");
        for (String name : header.keySet()) {
            if (!JWE_HEADERS.contains(name)) {
                throw new MessageRefused.RefusedAlgorithm("header." + name, "the header parameter is not accepted");
            }
        }
        if (!"ECDH-ES".equals(header.get("alg"))) {
            throw new MessageRefused.RefusedAlgorithm("header.alg", "only ECDH-ES key agreement is accepted");
        }
        if (!"A256GCM".equals(header.get("enc"))) {
            throw new MessageRefused.RefusedAlgorithm("header.enc", "only A256GCM content encryption is accepted");
        }
        if (!JWE_TYPE.equals(header.get("typ")) || !JWS_TYPE.equals(header.get("cty"))) {
            throw new MessageRefused.Malformed("header.typ", "expected typ " + JWE_TYPE + " and cty " + JWS_TYPE);
        }
        if (!(header.get("kid") instanceof String encryptionKeyId)) {
            throw new MessageRefused.Malformed("header.kid", "the header names no encryption key");
        }
        var decryptionKey = keys.decryptionKey(encryptionKeyId);
        if (decryptionKey == null) {
            throw new MessageRefused.NotForMe("encrypted to a key that is not one of this node's encryption keys");
        }
        String signed;
        try {
            var jwe = JWEObject.parse(compact);
            jwe.decrypt(EcdhEs.decrypter(decryptionKey));
            signed = jwe.getPayload().toString();
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new MessageRefused.Undecryptable("the ciphertext does not decrypt with the key it names");
        }
        var signatures = signatures(signed);
        AuthorityId sender = signatures.getFirst().sender();
        long created = signatures.getFirst().created();
        var verified = new ArrayList<TrustedKey>();
        for (int i = 0; i < signatures.size(); i++) {
            var s = signatures.get(i);
            if (!s.sender().equals(sender) || s.created() != created) {
                throw new MessageRefused.Malformed(
                        "signatures[" + i + "]", "every signature names the same sender and creation time");
            }
            TrustedKey key;
            try {
                key = keys.verifierFor(sender, s.keyId(), Instant.ofEpochSecond(created));
            } catch (TrustRefused refused) {
                throw new MessageRefused.UntrustedSender("signatures[" + i + "].kid", refused);
            }
            if (key.coSigner() != s.role().equals(SUPERVISOR_SIGNER)) {
                throw new MessageRefused.WrongSignerRole(
                        "signatures[" + i + "]." + SIGNER,
                        key.coSigner()
                                ? "a supervisor's key signs only as the supervisor"
                                : "the supervisor's signature must be made with a supervisor's key");
            }
            verified.add(key);
        }
        JWSObjectJSON jws;
        try {
            jws = JWSObjectJSON.parse(signed);
        } catch (ParseException e) {
            throw new MessageRefused.Malformed("signed", "not a JWS in JSON general serialization");
        }
        for (int i = 0; i < signatures.size(); i++) {
            boolean valid;
            try {
                valid = jws.getSignatures()
                        .get(i)
                        .verify(Es256Verifier.of(verified.get(i).publicKey()));
            } catch (JOSEException | RuntimeException e) {
                valid = false;
            }
            if (!valid) {
                throw new MessageRefused.BadSignature(
                        "signatures[" + i + "].signature",
                        "the signature does not verify with key "
                                + signatures.get(i).keyId());
            }
        }
        var envelope = envelope(jws.getPayload().toString());
        if (!envelope.sender().equals(sender) || envelope.created().getEpochSecond() != created) {
            throw new MessageRefused.BadSignature("sender", "the envelope contradicts its signature headers");
        }
        if (!envelope.recipient().equals(keys.me())) {
            throw new MessageRefused.WrongRecipient("the message is addressed to " + envelope.recipient());
        }
        var roles = signatures.stream().map(Signature::role).toList();
        if (envelope.emergency()) {
            if (!roles.equals(List.of(AUTHORITY_SIGNER, SUPERVISOR_SIGNER))) {
                throw new MessageRefused.EmergencyNeedsTwoSignatures(
                        "an emergency request carries the authority's signature and then a supervisor's");
            }
        } else if (!roles.equals(List.of(AUTHORITY_SIGNER))) {
            throw new MessageRefused.Malformed("signatures", "a message other than an emergency has one signature");
        }
        if (envelope.created().isAfter(now.plus(CLOCK_SKEW))) {
            throw new MessageRefused.NotYetValid("created " + envelope.created() + ", ahead of this node's clock");
        }
        if (!now.isBefore(envelope.expires())) {
            throw new MessageRefused.Expired("the message expired at " + envelope.expires());
        }
        return new Opened(
                envelope,
                digest(body),
                signatures.stream().map(Signature::keyId).toList());
    }

    private record Signature(String keyId, AuthorityId sender, String role, long created) {}

    /** The signatures' raw protected headers, read before any library chooses an algorithm from them. */
    private static List<Signature> signatures(String signed) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(signed);
        } catch (ParseException e) {
            throw new MessageRefused.Malformed("signed", "not a JWS in JSON general serialization");
        }
        if (!(json.get("payload") instanceof String) || !(json.get("signatures") instanceof List<?> list)) {
            throw new MessageRefused.Malformed(
                    "signed", "a JWS in JSON general serialization has payload and signatures");
        }
        if (list.isEmpty() || list.size() > 2) {
            throw new MessageRefused.Malformed("signatures", "one or two signatures");
        }
        var result = new ArrayList<Signature>();
        var keyIds = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            var path = "signatures[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)
                    || !(entry.get("protected") instanceof String protectedHeader)
                    || entry.containsKey("header")) {
                throw new MessageRefused.Malformed(path, "a signature has a protected header and no unprotected one");
            }
            var header = jsonObject(protectedHeader, path + ".protected");
            for (String name : header.keySet()) {
                if (!JWS_HEADERS.contains(name)) {
                    throw new MessageRefused.RefusedAlgorithm(
                            path + "." + name, "the header parameter is not accepted");
                }
            }
            if (!"ES256".equals(header.get("alg"))) {
                throw new MessageRefused.RefusedAlgorithm(path + ".alg", "only ES256 signatures are accepted");
            }
            if (!JWS_TYPE.equals(header.get("typ"))) {
                throw new MessageRefused.Malformed(path + ".typ", "expected typ " + JWS_TYPE);
            }
            if (!(header.get("kid") instanceof String kid) || kid.isBlank() || kid.length() > 100 || !keyIds.add(kid)) {
                throw new MessageRefused.Malformed(path + ".kid", "each signature names its own signing key");
            }
            if (!(header.get(SIGNER) instanceof String role)
                    || !(role.equals(AUTHORITY_SIGNER) || role.equals(SUPERVISOR_SIGNER))) {
                throw new MessageRefused.Malformed(path + "." + SIGNER, "authority or supervisor");
            }
            if (!(header.get(CREATED) instanceof Number created)) {
                throw new MessageRefused.Malformed(path + "." + CREATED, "the creation time in seconds");
            }
            AuthorityId sender;
            try {
                sender = new AuthorityId((String) header.get(SENDER));
            } catch (RuntimeException e) {
                throw new MessageRefused.Malformed(path + "." + SENDER, "the sending authority's id");
            }
            result.add(new Signature(kid, sender, role, created.longValue()));
        }
        return result;
    }

    /** The signed envelope, read only after every signature verified. */
    static Envelope envelope(String text) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new MessageRefused.Malformed("payload", "the envelope is not a JSON object");
        }
        if (!(json.get("v") instanceof Number v) || v.intValue() != VERSION) {
            throw new MessageRefused.Malformed("v", "envelope version " + VERSION);
        }
        try {
            if (!(json.get("payload") instanceof Map<?, ?> payload)) {
                throw new MessageRefused.Malformed("payload", "the payload is a JSON object");
            }
            @SuppressWarnings("unchecked")
            var payloadText = JSONObjectUtils.toJSONString((Map<String, ?>) payload);
            return new Envelope(
                    UUID.fromString(string(json, "id")),
                    UUID.fromString(string(json, "conversation")),
                    MessageType.fromCode(string(json, "type"))
                            .orElseThrow(() -> new MessageRefused.Malformed("type", "not a message type")),
                    new AuthorityId(string(json, "sender")),
                    new AuthorityId(string(json, "recipient")),
                    Instant.ofEpochSecond(number(json, "created")),
                    Instant.ofEpochSecond(number(json, "expires")),
                    number(json, "sequence"),
                    string(json, "pairing"),
                    json.get("emergency") instanceof Boolean b ? b : bad("emergency"),
                    payloadText);
        } catch (MessageRefused refused) {
            throw refused;
        } catch (IllegalArgumentException e) {
            throw new MessageRefused.Malformed("payload", "the envelope breaks a rule: " + e.getMessage());
        }
    }

    private static String string(Map<String, Object> json, String name) {
        return json.get(name) instanceof String s ? s : bad(name);
    }

    private static long number(Map<String, Object> json, String name) {
        return json.get(name) instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : bad(name);
    }

    private static <T> T bad(String name) {
        throw new MessageRefused.Malformed(name, "missing or of the wrong type");
    }

    private static Map<String, Object> jsonObject(String base64url, String field) {
        try {
            return JSONObjectUtils.parse(new Base64URL(base64url).decodeToString());
        } catch (ParseException | RuntimeException e) {
            throw new MessageRefused.Malformed(field, "not a base64url JSON object");
        }
    }

    private static String ascii(byte[] body) {
        try {
            return StandardCharsets.US_ASCII
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MessageRefused.Malformed("body", "a compact JWE is ASCII");
        }
    }
}
