package org.comity.exchange;

import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.exchange.domain.Messages;
import org.comity.exchange.domain.Receipts;
import org.comity.exchange.persistence.JdbcMessageStore;
import org.comity.exchange.persistence.JdbcTrustStore;
import org.comity.shared.Conflict;
import org.comity.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages between this node and other authorities: {@link #send} seals a message and writes it to
 * the outbox in the caller's transaction (the dispatcher delivers it after commit, retrying until a
 * verified receipt or the give-up time); {@link #receive} runs the inbox's verification steps, stores an
 * accepted message once with its signed receipt and publishes {@link MessageAccepted}.
 */
public class MessageExchange {

    private final LocalAuthority local;
    private final TrustDirectory trust;
    private final JdbcMessageStore store;
    private final JdbcTrustStore audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExchangeProperties.Messages settings;
    private final List<PayloadAtRest> atRest;
    private @Nullable Runnable wake;

    MessageExchange(
            LocalAuthority local,
            TrustDirectory trust,
            JdbcMessageStore store,
            JdbcTrustStore audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            ExchangeProperties.Messages settings,
            List<PayloadAtRest> atRest) {
        this.local = local;
        this.trust = trust;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.atRest = List.copyOf(atRest);
    }

    void onSent(Runnable dispatcher) {
        this.wake = dispatcher;
    }

    /**
     * Seals {@code message} and writes it to the outbox, in the caller's transaction if there is one:
     * it is delivered only if that transaction commits, and then surely.
     *
     * @throws TrustRefused if the recipient is not a trusted authority with a current encryption key
     */
    @Transactional
    public SentMessage send(OutgoingMessage message, String actor) {
        return send(message, null, actor);
    }

    /**
     * Sends an emergency request co-signed by a supervisor.
     *
     * @param supervisorKey the supervisor's private signing key, used for this signature only and not
     *     kept; its public part must be on this node's card ({@code comity.exchange.supervisor-keys})
     */
    @Transactional
    public SentMessage send(OutgoingMessage message, @Nullable ECKey supervisorKey, String actor) {
        var me = local.identity()
                .orElseThrow(() -> new NotFound("authority identity: set comity.exchange.authority.state"));
        var recipient = trust.recipientFor(message.recipient());
        Instant now = clock.instant();
        var expires = message.expires() != null ? message.expires() : now.plus(settings.validity());
        long sequence = store.nextSequence(message.conversationId(), message.recipient());
        var envelope = new Envelope(
                UUID.randomUUID(),
                message.conversationId(),
                message.type(),
                me.id(),
                message.recipient(),
                now,
                expires,
                sequence,
                message.pairingToken() != null ? message.pairingToken() : Messages.pairingToken(),
                message.emergency(),
                message.payload());
        var sealed = Messages.seal(envelope, local.signingKey(), supervisorKey, recipient.encryptionKey());
        var giveUp = min(envelope.created().plus(settings.delivery().giveUpAfter()), envelope.expires());
        store.enqueue(
                envelope,
                recipient.authority().inbox(),
                sealed,
                Messages.digest(sealed.getBytes(StandardCharsets.US_ASCII)),
                giveUp,
                actor);
        afterCommit(wake);
        return new SentMessage(envelope.messageId(), sequence, envelope.pairingToken(), envelope);
    }

    /**
     * Writes a message sealed elsewhere ({@link CoSignatures}: an emergency request that opens its
     * conversation, sequence 1) to the outbox, as {@link #send} does.
     */
    SentMessage enqueueSealed(Envelope envelope, URI inbox, String sealed, String actor) {
        long sequence = store.nextSequence(envelope.conversationId(), envelope.recipient());
        if (sequence != envelope.sequence()) {
            throw new Conflict("conversation-started", "the conversation of a prepared message has begun already");
        }
        var giveUp = min(envelope.created().plus(settings.delivery().giveUpAfter()), envelope.expires());
        store.enqueue(
                envelope, inbox, sealed, Messages.digest(sealed.getBytes(StandardCharsets.US_ASCII)), giveUp, actor);
        afterCommit(wake);
        return new SentMessage(envelope.messageId(), sequence, envelope.pairingToken(), envelope);
    }

    /**
     * The inbox: every verification step in order, then storage with a signed receipt. The same message
     * again gets the stored receipt and is not stored or published again.
     *
     * @return the signed receipt (compact JWS)
     * @throws MessageRefused naming the step; audited, nothing stored
     */
    public String receive(byte[] body) {
        Instant now = clock.instant();
        var me = local.identity().orElseThrow(() -> new NotFound("authority identity"));
        try {
            var opened = Messages.open(body, settings.maxBytes(), keys(me.id()), now);
            // Signed before the transaction, so no connection is held during the signature; a duplicate
            // discards it and answers the stored receipt.
            var signed = Receipts.sign(opened.envelope(), opened.digest(), now, local.signingKey());
            try {
                return store(opened, body, signed, now);
            } catch (DuplicateKeyException concurrent) {
                // Another delivery in this conversation committed the same sequence meanwhile: decide
                // again against what it stored (the same message answers its receipt; another is late).
                return store(opened, body, signed, now);
            }
        } catch (MessageRefused refused) {
            audit.audit(now, "inbox", "inbox", "message-receive", refused.step(), Messages.digest(body));
            throw refused;
        } catch (RuntimeException failed) {
            // Not a refusal (the database, a bug): audited all the same, and the sender retries.
            audit.audit(now, "inbox", "inbox", "message-receive", "receive-failed", Messages.digest(body));
            throw failed;
        }
    }

    /** Steps 15–16 and the storing, in one transaction: a refused message leaves nothing stored. */
    private String store(Messages.Opened opened, byte[] body, String signed, Instant now) {
        var envelope = kept(opened.envelope());
        return transactions.execute(status -> {
            var prior = store.prior(envelope.messageId(), envelope.conversationId(), envelope.sender());
            if (prior.stored().isPresent()) {
                var again = replay(prior.stored().get(), opened.digest());
                audit.audit(now, "inbox", "inbox", "message-receive", "duplicate", envelope.messageId() + "");
                return again;
            }
            if (envelope.sequence() <= prior.lastSequence()) {
                throw new MessageRefused.OutOfSequence("sequence " + envelope.sequence() + " is not above "
                        + prior.lastSequence() + ", the last accepted");
            }
            if (!store.store(
                    envelope,
                    opened.signingKeyIds(),
                    new String(body, StandardCharsets.US_ASCII),
                    opened.digest(),
                    now,
                    signed)) {
                // A concurrent delivery of the same message stored it first.
                return replay(store.received(envelope.messageId()).orElseThrow(), opened.digest());
            }
            audit.audit(now, "inbox", "inbox", "message-receive", "accepted", envelope.messageId() + "");
            events.publishEvent(new MessageAccepted(envelope, now, opened.digest()));
            return signed;
        });
    }

    /** The envelope with the payload as the modules that own its type keep it at rest. */
    private Envelope kept(Envelope opened) {
        var envelope = opened;
        for (var module : atRest) {
            envelope = envelope.withPayload(module.kept(envelope));
        }
        return envelope;
    }

    private static String replay(JdbcMessageStore.Stored stored, String digest) {
        if (!stored.digest().equals(digest)) {
            throw new MessageRefused.Replayed("this message id was accepted with other bytes");
        }
        return stored.receipt();
    }

    /** Every message sent in this conversation, with its per-hop evidence. */
    public List<Delivery> deliveries(UUID conversation) {
        return store.deliveries(conversation);
    }

    /** Every message received in this conversation, in each sender's order. */
    public List<ReceivedMessage> received(UUID conversation) {
        return store.inbox(conversation);
    }

    /**
     * Puts a failed delivery back in the outbox, due now, with a new give-up time (never past the
     * message's expiry). Audited.
     *
     * @throws NotFound if no message was sent with this id
     * @throws Conflict if it is not failed ({@code delivery-not-failed}) or has expired ({@code
     *     message-expired})
     */
    public void retry(UUID messageId, String actor) {
        Instant now = clock.instant();
        var expires = store.outboxExpiry(messageId).orElseThrow(() -> new NotFound("sent message " + messageId));
        if (!now.isBefore(expires)) {
            audit.audit(now, actor, "api", "delivery-retry", "message-expired", messageId.toString());
            throw new Conflict("message-expired", "the message expired at " + expires + "; send a new one");
        }
        var retried = transactions.execute(status ->
                store.retry(messageId, now, min(now.plus(settings.delivery().giveUpAfter()), expires), actor));
        if (!Boolean.TRUE.equals(retried)) {
            audit.audit(now, actor, "api", "delivery-retry", "delivery-not-failed", messageId.toString());
            throw new Conflict("delivery-not-failed", "only a failed delivery can be retried");
        }
        audit.audit(now, actor, "api", "delivery-retry", "accepted", messageId.toString());
        if (wake != null) {
            wake.run();
        }
    }

    /**
     * Verifies a receipt for a message this node sent.
     *
     * @throws TrustRefused naming the step
     */
    Receipts.Receipt verifyReceipt(String receipt, UUID messageId, String digest, AuthorityId receiver) {
        return Receipts.verify(receipt, messageId, digest, receiver, trust::verifierFor);
    }

    /** What went wrong with a delivery of this node's message, in the exchange audit (channel outbox). */
    void auditDelivery(String action, String outcome, UUID messageId) {
        audit.audit(clock.instant(), "dispatcher", "outbox", action, outcome, messageId.toString());
    }

    private Messages.Keys keys(AuthorityId me) {
        return new Messages.Keys() {
            @Override
            public AuthorityId me() {
                return me;
            }

            @Override
            public @Nullable ECKey decryptionKey(String keyId) {
                return local.decryptionKey(keyId);
            }

            @Override
            public TrustedKey verifierFor(AuthorityId sender, String keyId, Instant at) {
                return trust.verifierFor(sender, keyId, at);
            }
        };
    }

    private static void afterCommit(@Nullable Runnable action) {
        if (action == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
