package org.comity.exchange.domain;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.Envelope;
import org.comity.exchange.TrustRefused;
import org.comity.exchange.TrustedKey;

/**
 * Signed receipts: the receiving authority's compact JWS over the message id and the SHA-256 of the
 * bytes it received, the sender's proof of delivery. Verified like any signed document (ES256 only,
 * its own {@code typ}, the key looked up in the trust directory, never taken from the header).
 */
public final class Receipts {

    public static final String TYPE = "comity-receipt+jws";

    private Receipts() {}

    /** What a verified receipt says. */
    public record Receipt(UUID messageId, String digest, AuthorityId receiver, Instant received, String keyId) {}

    public static String sign(Envelope envelope, String digest, Instant received, ECKey receiverKey) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("v", 1);
        payload.put("message", envelope.messageId().toString());
        payload.put("digest", digest);
        payload.put("conversation", envelope.conversationId().toString());
        payload.put("sender", envelope.sender().value());
        payload.put("receiver", envelope.recipient().value());
        payload.put("sequence", envelope.sequence());
        payload.put("pairing", envelope.pairingToken());
        payload.put("received", received.truncatedTo(ChronoUnit.SECONDS).getEpochSecond());
        return SignedDocuments.sign(payload, TYPE, receiverKey);
    }

    /**
     * Verifies a receipt for the message {@code messageId} whose bytes had {@code digest}, expected
     * from {@code receiver}.
     *
     * @param verifierFor the trust directory's key lookup (authority, key id, signing time)
     * @throws TrustRefused naming the step; a receipt for other bytes or another message is {@code
     *     malformed-document} naming {@code digest} or {@code message}
     */
    public static Receipt verify(
            String receipt,
            UUID messageId,
            String digest,
            AuthorityId receiver,
            TriFunction<AuthorityId, String, Instant, TrustedKey> verifierFor) {
        var jws = SignedDocuments.parse(receipt, TYPE);
        var kid = jws.getHeader().getKeyID();
        // The signing time is only claimed until the signature verifies; it is checked against the key's
        // validity now and compared with the payload after.
        var claimed = unverifiedReceived(jws);
        var key = verifierFor.apply(receiver, kid, claimed);
        // The trusted key is already parsed and checked: no JWK is parsed again per receipt.
        SignedDocuments.verify(jws, key.publicKey(), kid);
        var payload = SignedDocuments.payload(jws);
        if (!messageId.toString().equals(payload.get("message"))) {
            throw new TrustRefused.MalformedDocument("message", "the receipt is for another message");
        }
        if (!digest.equals(payload.get("digest"))) {
            throw new TrustRefused.MalformedDocument("digest", "the receipt is for other bytes");
        }
        if (!receiver.value().equals(payload.get("receiver"))) {
            throw new TrustRefused.MalformedDocument("receiver", "the receipt names another receiver");
        }
        return new Receipt(messageId, digest, receiver, claimed, kid);
    }

    private static Instant unverifiedReceived(com.nimbusds.jose.JWSObject jws) {
        var payload = SignedDocuments.payload(jws);
        if (!(payload.get("received") instanceof Number n)) {
            throw new TrustRefused.MalformedDocument("received", "the receipt has no receiving time");
        }
        return Instant.ofEpochSecond(n.longValue());
    }

    /** A lookup of three arguments (java.util.function stops at two). */
    @FunctionalInterface
    public interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }
}
