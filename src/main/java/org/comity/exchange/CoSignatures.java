package org.comity.exchange;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.exchange.domain.Messages;
import org.comity.exchange.persistence.JdbcCoSignatures;
import org.comity.exchange.persistence.JdbcMessageStore;
import org.comity.exchange.persistence.JdbcTrustStore;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Violation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency requests co-signed by a supervisor on their own device (docs/exchange.md, "Emergency
 * requests: the supervisor's co-signature"). A supervisor registers a public key of their own; the
 * node publishes it on its card (marked {@code key_ops: ["verify"]}) and never holds the private part,
 * so nothing a caseworker's session — or the node itself — can do produces the second signature. An
 * emergency message is {@linkplain #prepare prepared} with its envelope fixed, the supervisor signs
 * its {@linkplain #signingInput signing input} elsewhere and {@linkplain #coSign posts} the signature,
 * which is checked against their own key; only then can it be {@linkplain #send sent}.
 */
public class CoSignatures {

    /** A supervisor's registered public key. */
    public record SupervisorKey(String keyId, String username, KeyValidity validity, String fingerprint) {}

    /** An emergency message waiting for (or holding) its co-signature; nothing of it has left. */
    public record PreparedMessage(
            UUID messageId,
            UUID conversationId,
            AuthorityId recipient,
            String pairingToken,
            String payload,
            Instant created,
            Instant expires,
            boolean coSigned) {}

    /**
     * What the supervisor signs: ES256 over the ASCII of {@code signingInput} ({@code header.payload}),
     * the signature 64 bytes R || S in base64url.
     *
     * @param envelope the envelope as JSON, for the supervisor to read before signing
     */
    public record SigningInput(UUID messageId, String keyId, String signingInput, String envelope, Instant expires) {}

    private final LocalAuthority local;
    private final TrustDirectory trust;
    private final MessageExchange exchange;
    private final JdbcCoSignatures store;
    private final JdbcMessageStore messages;
    private final JdbcTrustStore audit;
    private final Clock clock;
    private final ExchangeProperties.Messages settings;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    CoSignatures(
            LocalAuthority local,
            TrustDirectory trust,
            MessageExchange exchange,
            JdbcCoSignatures store,
            JdbcMessageStore messages,
            JdbcTrustStore audit,
            Clock clock,
            ExchangeProperties.Messages settings,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.local = local;
        this.trust = trust;
        this.exchange = exchange;
        this.store = store;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        // A refused co-signature is audited even though the approval it came with is rolled back.
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        local.registeredSupervisorKeys(registered());
    }

    /**
     * Registers a supervisor's own public key, from their own session; published on the card at once
     * (peers learn it from the next card they pin or directory they load). Audited.
     *
     * @param jwk a public P-256 signing JWK: {@code use: sig}, {@code alg: ES256}, {@code kid} its
     *     thumbprint, {@code nbf} and {@code exp}
     * @throws InvalidInput naming the JWK member and rule
     * @throws Conflict {@code key-registered} if the key is registered already
     */
    @Transactional
    public SupervisorKey register(String username, String jwk) {
        var key = readKey(jwk);
        var now = clock.instant();
        if (!now.isBefore(key.getExpirationTime().toInstant())) {
            throw InvalidInput.of("jwk.exp", "key-expired", "the key has expired");
        }
        if (local.keys().stream().anyMatch(k -> k.keyId().equals(key.getKeyID()))) {
            throw new Conflict("key-registered", "this key is one of the node's own");
        }
        if (!store.registerKey(key.getKeyID(), username, key.toPublicJWK().toJSONString(), now)) {
            throw new Conflict("key-registered", "this key is registered already");
        }
        audit.audit(now, username, "api", "supervisor-key-registration", "accepted", key.getKeyID());
        local.registeredSupervisorKeys(registered());
        return view(key, username);
    }

    /** Every registered supervisor key, oldest first; a withdrawn one shows when, as its revocation. */
    public List<SupervisorKey> keys() {
        return store.keys().stream().map(CoSignatures::view).toList();
    }

    /**
     * Withdraws a supervisor's key: the card stops publishing it at once (peers learn it from the next
     * card they pin or directory they load) and this node accepts no co-signature made with it, nor
     * prepares one for it. Its holder withdraws it, or an administrator (a holder who left, a lost
     * device). Audited.
     *
     * @throws NotFound if no such key is registered
     * @throws org.springframework.security.access.AccessDeniedException if the key is another user's and
     *     the caller is not an administrator
     * @throws Conflict {@code key-withdrawn} if it was withdrawn already
     */
    @Transactional
    public SupervisorKey withdraw(String keyId, String actor, boolean administrator, String channel) {
        var stored = store.keys().stream()
                .filter(k -> k.keyId().equals(keyId))
                .findFirst()
                .orElseThrow(() -> new NotFound("supervisor key " + keyId));
        if (!administrator && !stored.username().equals(actor)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "a supervisor withdraws only their own key");
        }
        var now = clock.instant();
        if (!store.withdrawKey(keyId, actor, now)) {
            throw new Conflict("key-withdrawn", "this key was withdrawn already");
        }
        audit.audit(now, actor, channel, "supervisor-key-withdrawal", "accepted", keyId);
        local.registeredSupervisorKeys(registered());
        return view(new JdbcCoSignatures.StoredKey(
                stored.keyId(), stored.username(), stored.jwk(), stored.registeredAt(), now));
    }

    /**
     * Fixes an emergency request's envelope, to be co-signed: its id, conversation, times, pairing token
     * and payload are what both signatures will cover. Its sequence is 1: an emergency request opens its
     * conversation. In the caller's transaction.
     *
     * @param subject the caller's name for what the message is about (casework: the request id)
     * @throws TrustRefused if the recipient is not a trusted authority with a current encryption key
     */
    @Transactional
    public PreparedMessage prepare(OutgoingMessage message, String subject, String actor) {
        if (!message.emergency()) {
            throw new IllegalArgumentException("only an emergency request is co-signed");
        }
        var me = local.identity()
                .orElseThrow(() -> new NotFound("authority identity: set comity.exchange.authority.state"));
        trust.recipientFor(message.recipient());
        var now = clock.instant();
        var envelope = new Envelope(
                UUID.randomUUID(),
                message.conversationId(),
                message.type(),
                me.id(),
                message.recipient(),
                now,
                message.expires() != null ? message.expires() : now.plus(settings.validity()),
                1,
                message.pairingToken() != null ? message.pairingToken() : Messages.pairingToken(),
                true,
                message.payload());
        store.prepare(new JdbcCoSignatures.Prepared(
                envelope.messageId(),
                subject,
                envelope.conversationId(),
                envelope.recipient().value(),
                envelope.pairingToken(),
                envelope.payload(),
                Messages.signedPayload(envelope),
                envelope.created(),
                envelope.expires(),
                actor,
                now));
        return view(store.prepared(envelope.messageId()).orElseThrow());
    }

    /** The newest message prepared for {@code subject} that has not been sent. */
    public Optional<PreparedMessage> unsent(String subject) {
        return store.unsent(subject).map(this::view);
    }

    /**
     * What {@code username} signs for this message: the signing input with their newest key valid now.
     *
     * @throws NotFound if the message is not prepared, or {@code username} has no key valid now
     */
    public SigningInput signingInput(UUID messageId, String username) {
        var prepared = store.prepared(messageId).orElseThrow(() -> new NotFound("prepared message " + messageId));
        var envelope = envelope(prepared);
        var now = clock.instant();
        var key = store.keys().stream()
                .filter(k -> k.username().equals(username) && k.withdrawnAt() == null)
                .map(k -> parse(k.jwk()))
                .filter(k -> valid(k, now) && valid(k, envelope.created()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new NotFound("a supervisor key of yours valid now: register one"));
        var header = Messages.protectedHeader(envelope, key.getKeyID(), Messages.SUPERVISOR_SIGNER);
        return new SigningInput(
                messageId,
                key.getKeyID(),
                header + "." + prepared.signedPayload(),
                new String(
                        com.nimbusds.jose.util.Base64URL.from(prepared.signedPayload())
                                .decode(),
                        StandardCharsets.UTF_8),
                prepared.expires());
    }

    /**
     * Records {@code username}'s co-signature after checking it with their own registered key. Audited
     * with {@code channel} ({@code api} or {@code console}); a signature that does not verify is audited
     * in a transaction of its own, so the record survives the refused approval that brought it.
     *
     * @throws InvalidInput {@code keyId}/{@code not-your-key} if the key is not theirs or not valid for the
     *     message's date; {@code signature}/{@code bad-co-signature} if it does not verify
     * @throws Conflict {@code co-signed} if the message is co-signed already, {@code message-expired}
     */
    @Transactional
    public void coSign(UUID messageId, String username, String keyId, String signature, String channel) {
        var prepared = store.prepared(messageId).orElseThrow(() -> new NotFound("prepared message " + messageId));
        var envelope = envelope(prepared);
        var now = clock.instant();
        if (!now.isBefore(prepared.expires())) {
            throw new Conflict("message-expired", "the prepared message expired; prepare it again");
        }
        var key = store.keys().stream()
                .filter(k -> k.keyId().equals(keyId) && k.username().equals(username) && k.withdrawnAt() == null)
                .map(k -> parse(k.jwk()))
                .filter(k -> valid(k, now) && valid(k, envelope.created()))
                .findFirst()
                .orElseThrow(() -> InvalidInput.of(
                        "keyId", "not-your-key", "a supervisor key registered by you, valid now and for the message"));
        var header = Messages.protectedHeader(envelope, keyId, Messages.SUPERVISOR_SIGNER);
        try {
            Messages.verifyCoSignature(header, prepared.signedPayload(), signature, key);
        } catch (IllegalArgumentException e) {
            ownTransaction.executeWithoutResult(status ->
                    audit.audit(now, username, channel, "co-signature", "bad-co-signature", messageId.toString()));
            throw InvalidInput.of("signature", "bad-co-signature", "the signature does not verify with your key");
        }
        if (!store.coSign(new JdbcCoSignatures.CoSignature(messageId, username, keyId, header, signature), now)) {
            throw new Conflict("co-signed", "the message is co-signed already");
        }
        audit.audit(now, username, channel, "co-signature", "accepted", messageId.toString());
    }

    /**
     * Seals a co-signed message (the authority's signature, then the supervisor's) and writes it to the
     * outbox in the caller's transaction, as {@link MessageExchange#send} does.
     *
     * @throws Conflict {@code co-signature-required} if it is not co-signed; {@code message-expired}
     */
    @Transactional
    public SentMessage send(UUID messageId, String actor) {
        var prepared = store.prepared(messageId).orElseThrow(() -> new NotFound("prepared message " + messageId));
        var coSignature = store.coSignature(messageId)
                .orElseThrow(() -> new Conflict(
                        "co-signature-required", "an emergency request leaves only co-signed by a supervisor"));
        var now = clock.instant();
        if (!now.isBefore(prepared.expires())) {
            throw new Conflict("message-expired", "the prepared message expired; prepare it again");
        }
        var envelope = envelope(prepared);
        var authorityKey = local.signingKey();
        if (authorityKey.getNotBeforeTime().toInstant().isAfter(envelope.created())) {
            // Rotated since the message was prepared: the receiver checks the key on the message's date.
            throw new Conflict("prepared-message-stale", "the node's key changed since it was prepared; prepare again");
        }
        var supervisor = store.keys().stream()
                .filter(k -> k.keyId().equals(coSignature.keyId()))
                .map(k -> parse(k.jwk()))
                .findFirst()
                .orElseThrow();
        var recipient = trust.recipientFor(envelope.recipient());
        var sealed = Messages.sealCoSigned(
                prepared.signedPayload(),
                envelope,
                authorityKey,
                coSignature.header(),
                coSignature.signature(),
                supervisor,
                recipient.encryptionKey());
        return exchange.enqueueSealed(envelope, recipient.authority().inbox(), sealed, actor);
    }

    private Envelope envelope(JdbcCoSignatures.Prepared p) {
        var me = local.identity().orElseThrow(() -> new NotFound("authority identity"));
        return new Envelope(
                p.messageId(),
                p.conversationId(),
                MessageType.REQUEST,
                me.id(),
                new AuthorityId(p.recipient()),
                p.created(),
                p.expires(),
                1,
                p.pairingToken(),
                true,
                p.payload());
    }

    private PreparedMessage view(JdbcCoSignatures.Prepared p) {
        return new PreparedMessage(
                p.messageId(),
                p.conversationId(),
                new AuthorityId(p.recipient()),
                p.pairingToken(),
                p.payload(),
                p.created(),
                p.expires(),
                store.coSignature(p.messageId()).isPresent());
    }

    /** The keys in force: registered and not withdrawn. */
    private List<ECKey> registered() {
        return store.keys().stream()
                .filter(k -> k.withdrawnAt() == null)
                .map(k -> parse(k.jwk()))
                .toList();
    }

    private static boolean valid(ECKey key, Instant at) {
        return !at.isBefore(key.getNotBeforeTime().toInstant())
                && at.isBefore(key.getExpirationTime().toInstant());
    }

    private static SupervisorKey view(ECKey key, String username) {
        return new SupervisorKey(
                key.getKeyID(),
                username,
                Views.validity(key),
                org.comity.exchange.domain.Fingerprint.of(key).grouped());
    }

    private static SupervisorKey view(JdbcCoSignatures.StoredKey stored) {
        var key = parse(stored.jwk());
        var validity = Views.validity(key);
        return new SupervisorKey(
                key.getKeyID(),
                stored.username(),
                new KeyValidity(validity.notBefore(), validity.notAfter(), stored.withdrawnAt()),
                org.comity.exchange.domain.Fingerprint.of(key).grouped());
    }

    /** A stored key, public, marked as a supervisor's. */
    private static ECKey parse(String jwk) {
        try {
            return ECKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored supervisor key does not read", e);
        }
    }

    /** A key as a supervisor posts it, by the rules of a published key, then marked {@code key_ops: ["verify"]}. */
    static ECKey readKey(String jwk) {
        var marked = new LinkedHashMap<String, Object>();
        try {
            marked.putAll(JSONObjectUtils.parse(jwk));
        } catch (ParseException | RuntimeException e) {
            throw InvalidInput.of("jwk", "jwk-syntax", "a JWK (JSON object)");
        }
        marked.put("key_ops", List.of("verify"));
        var violations = new ArrayList<Violation>();
        var key = org.comity.exchange.domain.Entries.readKey(marked, "jwk", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        if (key.isEmpty() || !KeyUse.SIGNATURE.equals(key.get().getKeyUse())) {
            throw InvalidInput.of("jwk.use", "key-use", "a supervisor's key is a signing key (use sig, alg ES256)");
        }
        return key.get();
    }
}
