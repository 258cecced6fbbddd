package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import org.comity.exchange.TrustRefused;

/**
 * The JWS envelope shared by cards and directories: compact serialization, ES256 only, an explicit
 * {@code typ} so one kind of document can never be passed off as the other, the signing key named by
 * {@code kid} and looked up by the caller (never taken from the header itself).
 */
public final class SignedDocuments {

    /** The largest document read at all; a directory of 10 000 authorities fits in well under this. */
    public static final int MAX_CHARS = 2 * 1024 * 1024;

    public static final String CARD_TYPE = "comity-authority-card+jws";
    public static final String DIRECTORY_TYPE = "comity-directory+jws";

    /** Header parameters that would make the header choose its own key or change how it is read. */
    private static final Set<String> REFUSED_HEADERS = Set.of("jwk", "jku", "x5u", "x5c", "crit", "b64", "zip");

    private SignedDocuments() {}

    /**
     * Steps 1 and 2: the document is a compact JWS, its header asks for ES256 and nothing else, and
     * it is of the expected type. The algorithm is read from the raw header before any library
     * interprets it, so {@code none} or an HMAC can never select a verifier.
     */
    public static JWSObject parse(String compact, String expectedType) {
        if (compact == null || compact.isBlank()) {
            throw new TrustRefused.MalformedDocument("document", "the document is empty");
        }
        compact = compact.strip();
        if (compact.length() > MAX_CHARS) {
            throw new TrustRefused.MalformedDocument(
                    "document", "the document is larger than " + MAX_CHARS + " characters");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new TrustRefused.MalformedDocument("document", "not a compact JWS (three base64url parts)");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        } catch (ParseException | RuntimeException e) {
            throw new TrustRefused.MalformedDocument("header", "the JWS header is not a JSON object");
        }
        if (!(header.get("alg") instanceof String alg) || !alg.equals(JWSAlgorithm.ES256.getName())) {
            throw new TrustRefused.RefusedAlgorithm("header.alg", "only ES256 signatures are accepted");
        }
        for (String name : header.keySet()) {
            if (REFUSED_HEADERS.contains(name)) {
                throw new TrustRefused.RefusedAlgorithm(
                        "header." + name, "the header parameter '" + name + "' is not accepted");
            }
        }
        if (!(header.get("typ") instanceof String typ) || !typ.equals(expectedType)) {
            throw new TrustRefused.WrongDocumentType("header.typ", "expected a document of type " + expectedType);
        }
        if (!(header.get("kid") instanceof String kid) || kid.isBlank() || kid.length() > 100) {
            throw new TrustRefused.MalformedDocument("header.kid", "the header names no signing key");
        }
        if (parts[2].isEmpty()) {
            throw new TrustRefused.BadSignature("signature", "the document carries no signature");
        }
        try {
            return JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new TrustRefused.MalformedDocument("document", "not a readable JWS");
        }
    }

    /** The signature step: throws unless {@code key} made this signature over exactly these bytes. */
    public static void verify(JWSObject jws, ECKey key) {
        try {
            verify(jws, key.toECPublicKey(), key.getKeyID());
        } catch (JOSEException e) {
            throw new TrustRefused.BadSignature(
                    "signature", "the signature does not verify with key " + key.getKeyID());
        }
    }

    /** @param keyId the key's id, to name it in a refusal */
    public static void verify(JWSObject jws, java.security.interfaces.ECPublicKey key, String keyId) {
        boolean valid;
        try {
            valid = jws.verify(Es256Verifier.of(key));
        } catch (JOSEException | IllegalStateException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new TrustRefused.BadSignature("signature", "the signature does not verify with key " + keyId);
        }
    }

    /** The payload as a JSON object, read only after the signature verified. */
    public static Map<String, Object> payload(JWSObject jws) {
        try {
            return JSONObjectUtils.parse(jws.getPayload().toString());
        } catch (ParseException e) {
            throw new TrustRefused.MalformedDocument("payload", "the payload is not a JSON object");
        }
    }

    /** Signs {@code payload} as a document of {@code type} with {@code key} (a private P-256 key). */
    public static String sign(Map<String, Object> payload, String type, ECKey key) {
        var header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(type))
                .keyID(key.getKeyID())
                .build();
        var jws = new JWSObject(header, new Payload(JSONObjectUtils.toJSONString(payload)));
        try {
            jws.sign(P256.signer(key));
        } catch (JOSEException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
        return jws.serialize();
    }
}
