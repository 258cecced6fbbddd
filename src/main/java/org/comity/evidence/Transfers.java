package org.comity.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.casework.EvidenceLog;
import org.comity.casework.ExchangeLinks;
import org.comity.evidence.domain.Act;
import org.comity.evidence.domain.ChunkRefused;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.EvidencePackage;
import org.comity.evidence.domain.Item;
import org.comity.evidence.domain.ItemContent;
import org.comity.evidence.domain.Manifest;
import org.comity.evidence.domain.TransferKey;
import org.comity.evidence.persistence.JdbcTransfers;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageAccepted;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageType;
import org.comity.exchange.OutgoingMessage;
import org.comity.exchange.TrustDirectory;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sealed packages between nodes (docs/evidence.md, "Transfer between nodes"). The requested State's
 * node announces a sealed package in the request's exchange conversation — an {@code evidence-notice}
 * carrying the signed manifest and a fresh transfer key, so signed by its authority key and encrypted
 * to the recipient's — and then pushes every item in chunks encrypted under that key, resuming from
 * the offset the recipient reports. The recipient checks each chunk, each item's SHA-256 and the
 * manifest's signature, seals its own copy and answers with an evidence receipt naming the manifest
 * digest. Both sides record every step in their package's custody chain.
 */
@Component
public class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    /** Who acts on a transfer: the node, on the exchange's behalf. */
    static final String ACTOR = "exchange";

    private final Evidence evidence;
    private final JdbcTransfers store;
    private final ExchangeLinks links;
    private final EvidenceLog publicLog;
    private final MessageExchange exchange;
    private final TrustDirectory trust;
    private final TransferProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final HttpClient http;
    private final Map<UUID, TransferKey> incomingKeys = new ConcurrentHashMap<>();
    private final Set<UUID> pushing = ConcurrentHashMap.newKeySet();

    Transfers(
            Evidence evidence,
            JdbcTransfers store,
            ExchangeLinks links,
            EvidenceLog publicLog,
            MessageExchange exchange,
            TrustDirectory trust,
            TransferProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.evidence = evidence;
        this.store = store;
        this.links = links;
        this.publicLog = publicLog;
        this.exchange = exchange;
        this.trust = trust;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // --- the sending side -------------------------------------------------------------------------

    /**
     * Announces a sealed package to the authority its request came from and starts pushing its items.
     * Once per package and recipient: asking again answers the transfer under way.
     */
    public TransferView transmit(UUID packageId, String username) {
        var p = evidence.visiblePackage(packageId);
        if (!(p instanceof EvidencePackage.Sealed sealed)) {
            throw new Conflict("package-not-sealed", "only a sealed package is transmitted");
        }
        var link = links.ofRequest(p.requestId())
                .filter(ExchangeLinks.Link::incoming)
                .orElseThrow(() -> new Conflict(
                        "no-exchange", "the request did not arrive over the exchange: there is no node to send to"));
        var existing = store.outgoing(packageId, link.counterpart());
        if (existing.isPresent()) {
            return view(existing.get());
        }
        var transferId = UUID.randomUUID();
        var key = TransferKey.generate();
        var digest = sealed.manifest().manifest().digest();
        var outgoing = transaction.execute(status -> {
            var sent = exchange.send(
                    new OutgoingMessage(
                            link.conversationId(),
                            MessageType.EVIDENCE_NOTICE,
                            new AuthorityId(link.counterpart()),
                            null,
                            false,
                            TransferDocuments.announcement(
                                    transferId,
                                    sealed.manifest(),
                                    evidence.signingKey().publicKey(),
                                    key.forRecipient())),
                    username);
            var o = new JdbcTransfers.Outgoing(
                    transferId,
                    packageId,
                    link.counterpart(),
                    link.conversationId(),
                    sent.messageId(),
                    digest.hex(),
                    evidence.keySource().id(),
                    key.wrap(transferId, evidence.keySource()),
                    "announced",
                    clock.instant());
            store.insert(o);
            return o;
        });
        if (properties.pushAutomatically()) {
            pushInBackground(transferId);
        }
        return view(outgoing);
    }

    public TransferView transfer(UUID transferId) {
        var o = store.outgoing(transferId).orElseThrow(() -> new NotFound("transfer"));
        evidence.visiblePackage(o.packageId());
        return view(o);
    }

    /** The transfers of a package the user may see, oldest first. */
    public List<TransferView> ofPackage(UUID packageId) {
        evidence.visiblePackage(packageId);
        return store.outgoingOf(packageId).stream().map(Transfers::view).toList();
    }

    /** Transfers a restart interrupted go on. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        if (properties.pushAutomatically()) {
            store.outgoingIn("announced").forEach(o -> pushInBackground(o.transferId()));
        }
    }

    private void pushInBackground(UUID transferId) {
        Thread.ofVirtual().name("evidence-transfer-" + transferId).start(() -> {
            try {
                push(transferId);
            } catch (RuntimeException e) {
                log.warn("Transfer {} stopped: {}", transferId, e.getMessage());
            }
        });
    }

    /**
     * Pushes every item the recipient lacks, from the offset it reports, until all arrived; then records
     * {@code transmitted}. Returns at once if another thread is pushing this transfer, or it is done.
     */
    public void push(UUID transferId) {
        var o = store.outgoing(transferId).orElseThrow(() -> new NotFound("transfer"));
        if (!"announced".equals(o.state()) || !pushing.add(transferId)) {
            return;
        }
        try {
            var recipient = trust.authority(new AuthorityId(o.recipient()))
                    .orElseThrow(() -> new IllegalStateException("the recipient is no longer trusted"));
            var base = recipient.inbox().resolve("/api/evidence/transfers/" + transferId + "/items/");
            var key = TransferKey.unwrap(transferId, o.wrappedKey(), evidence.keySource());
            var giveUp = clock.instant().plus(properties.giveUpAfter());
            var items = evidence.items(o.packageId());
            for (Item item : items) {
                new ItemPush(transferId, item, base.resolve(item.id().toString()), key, giveUp).run();
            }
            transaction.executeWithoutResult(status -> {
                if (store.advanceOutgoing(transferId, "announced", "transmitted")) {
                    evidence.recordLocked(
                            o.packageId(),
                            ACTOR,
                            Act.TRANSMITTED,
                            null,
                            "transfer=" + transferId + ",to=" + o.recipient() + ",manifest=" + o.manifestDigest()
                                    + ",items=" + items.size());
                }
            });
        } finally {
            pushing.remove(transferId);
        }
    }

    /** One item's bytes to the recipient, chunk after chunk, read from one decrypting stream while it can. */
    private final class ItemPush {
        private final UUID transferId;
        private final Item item;
        private final URI uri;
        private final TransferKey key;
        private final Instant giveUp;
        private final byte[] buffer = new byte[properties.chunkBytes()];
        private InputStream source;
        private long position;
        private Duration wait = properties.initialBackoff();

        ItemPush(UUID transferId, Item item, URI uri, TransferKey key, Instant giveUp) {
            this.transferId = transferId;
            this.item = item;
            this.uri = uri;
            this.key = key;
            this.giveUp = giveUp;
        }

        void run() {
            try {
                Progress at = null;
                while (true) {
                    if (clock.instant().isAfter(giveUp)) {
                        throw new IllegalStateException("gave up on item " + item.id());
                    }
                    try {
                        if (at == null) {
                            at = ask();
                            if (at == null) {
                                pause();
                                continue;
                            }
                        }
                        if (at.complete()) {
                            return;
                        }
                        var answer = send(at.offset());
                        if (answer.statusCode() == 204) {
                            at = progress(answer);
                            wait = properties.initialBackoff();
                        } else {
                            log.info(
                                    "Transfer {}: item {} at {}: {}",
                                    transferId,
                                    item.id(),
                                    at.offset(),
                                    answer.statusCode());
                            at = null;
                            if (answer.statusCode() != 409) {
                                pause();
                            }
                        }
                    } catch (IOException e) {
                        log.info("Transfer {}: {}", transferId, e.toString());
                        at = null;
                        pause();
                    }
                }
            } finally {
                close();
            }
        }

        /** What the recipient holds of the item; null while it does not know the transfer (yet). */
        private Progress ask() throws IOException {
            var answer = call(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            return answer.statusCode() == 200 ? progress(answer) : null;
        }

        private HttpResponse<Void> send(long offset) throws IOException {
            int n = read(offset);
            var chunk = key.seal(transferId, item.id(), offset, buffer, n);
            return call(HttpRequest.newBuilder(uri)
                    .header("Upload-Offset", Long.toString(offset))
                    .header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)));
        }

        private int read(long offset) throws IOException {
            if (source == null || position != offset) {
                close();
                source = evidence.read(item);
                source.skipNBytes(offset);
                position = offset;
            }
            int n = source.readNBytes(buffer, 0, (int) Math.min(buffer.length, item.sizeBytes() - offset));
            position += n;
            return n;
        }

        private HttpResponse<Void> call(HttpRequest.Builder request) throws IOException {
            try {
                return http.send(
                        request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private void pause() {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            var doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : doubled;
        }

        private void close() {
            if (source != null) {
                try {
                    source.close();
                } catch (IOException e) {
                    // only a reader of our own files
                }
                source = null;
            }
        }
    }

    private record Progress(long offset, boolean complete) {}

    private static Progress progress(HttpResponse<?> answer) throws IOException {
        var offset = answer.headers().firstValue("Upload-Offset");
        if (offset.isEmpty()) {
            throw new IOException("no Upload-Offset in the recipient's answer");
        }
        return new Progress(
                Long.parseLong(offset.get()),
                "?1".equals(answer.headers().firstValue("Upload-Complete").orElse("?0")));
    }

    // --- the receiving side -----------------------------------------------------------------------

    /** What an item of a transfer holds here so far. */
    public record Arrival(long offset, long length, boolean complete) {}

    /**
     * An {@code evidence-notice} accepted by the inbox, in a transaction of its own after the inbox
     * stored it: an announcement makes the package here, an evidence receipt completes a transfer
     * sent from here. Each runs once per message (a repeated listener finds its row). The condition keeps
     * every other message out of the event publication registry (a row, a transaction and a completion
     * per accepted message, and under a burst the listeners' pool took every database connection).
     */
    @ApplicationModuleListener(
            condition = "#accepted.envelope().type() == T(org.comity.exchange.MessageType).EVIDENCE_NOTICE")
    void onAccepted(MessageAccepted accepted) {
        var envelope = accepted.envelope();
        switch (TransferDocuments.kind(envelope.payload())) {
            case TransferDocuments.PACKAGE -> arrive(envelope);
            case TransferDocuments.RECEIPT -> receipted(envelope);
            default -> log.warn("Evidence notice {}: not a document this node reads", envelope.messageId());
        }
    }

    private void arrive(Envelope envelope) {
        if (store.incomingByMessage(envelope.messageId()).isPresent()) {
            return;
        }
        TransferDocuments.Announcement a;
        try {
            a = TransferDocuments.readAnnouncement(envelope.payload(), evidence.keySource());
        } catch (RuntimeException e) {
            // The message's signature is the sender's; a manifest that does not hold is theirs too.
            log.warn("Evidence announcement {} refused: {}", envelope.messageId(), e.getMessage());
            return;
        }
        var link = links.outgoing(envelope.conversationId());
        if (link.isEmpty() || !link.get().counterpart().equals(envelope.sender().value())) {
            log.warn("Evidence announcement {} answers no request sent to its sender", envelope.messageId());
            return;
        }
        var key = a.transferKey();
        var manifest = a.manifest().manifest();
        var created = evidence.createFor(link.get().requestId(), null, ACTOR);
        evidence.recordLocked(
                created.id(),
                ACTOR,
                Act.RECEIVED,
                null,
                "transfer=" + a.transferId() + ",from=" + envelope.sender().value() + ",manifest="
                        + manifest.digest().hex() + ",items=" + manifest.items().size());
        store.insert(new JdbcTransfers.Incoming(
                a.transferId(),
                created.id(),
                envelope.sender().value(),
                envelope.conversationId(),
                envelope.messageId(),
                a.manifestJson(),
                manifest.digest().hex(),
                a.signerKey(),
                a.manifest().signature(),
                evidence.keySource().id(),
                key.wrap(a.transferId(), evidence.keySource()),
                "receiving",
                clock.instant()));
        for (var entry : manifest.items()) {
            var item = evidence.announceIn(
                    created.id(),
                    new ItemAnnouncement(
                            entry.fileName(),
                            entry.mediaType(),
                            entry.orderReference(),
                            entry.sourceKind(),
                            entry.sourceName(),
                            entry.collectedAt(),
                            entry.sizeBytes()),
                    ACTOR);
            store.mapItem(a.transferId(), entry.itemId(), item.id());
        }
    }

    private void receipted(Envelope envelope) {
        TransferDocuments.Receipt r;
        try {
            r = TransferDocuments.readReceipt(envelope.payload());
        } catch (RuntimeException e) {
            log.warn("Evidence receipt {}: not an evidence receipt document", envelope.messageId());
            return;
        }
        var o = store.outgoing(r.transferId());
        if (o.isEmpty()
                || !o.get().recipient().equals(envelope.sender().value())
                || !o.get().manifestDigest().equals(r.manifestDigest().hex())
                || !"verified".equals(r.outcome())) {
            log.warn("Evidence receipt {} answers no transfer of ours to its sender", envelope.messageId());
            return;
        }
        var transfer = o.get();
        store.advanceOutgoing(transfer.transferId(), "announced", "transmitted");
        if (store.advanceOutgoing(transfer.transferId(), "transmitted", "verified")) {
            evidence.recordLocked(
                    transfer.packageId(),
                    ACTOR,
                    Act.VERIFIED,
                    null,
                    "transfer=" + transfer.transferId() + ",by=" + transfer.recipient() + ",manifest="
                            + r.manifestDigest().hex() + ",receipt=" + envelope.messageId());
            publicLog.transmitted(
                    evidence.stored(transfer.packageId()).requestId(),
                    transfer.transferId(),
                    transfer.manifestDigest());
        }
    }

    /** The offset to resume from; 404 for a transfer or item this node does not know. */
    public Arrival arrival(UUID transferId, UUID senderItem) {
        var in = store.incoming(transferId).orElseThrow(() -> new NotFound("transfer"));
        var itemId = store.itemFor(in.transferId(), senderItem).orElseThrow(() -> new NotFound("transfer item"));
        evidence.resumeFrom(itemId);
        return arrival(evidence.storedItem(itemId));
    }

    /**
     * Stores one chunk of an item at its offset. A chunk that does not decrypt under the transfer's key
     * (a byte changed in transit, or not from the sender) is refused and recorded; so is an item whose
     * SHA-256, once whole, is not the manifest's. When every item holds, the package is verified,
     * sealed here, and the evidence receipt goes back to the sender.
     */
    public Arrival receive(UUID transferId, UUID senderItem, long offset, byte[] chunk) {
        var in = store.incoming(transferId).orElseThrow(() -> new NotFound("transfer"));
        var itemId = store.itemFor(transferId, senderItem).orElseThrow(() -> new NotFound("transfer item"));
        if (!"receiving".equals(in.state())) {
            throw new Conflict("transfer-closed", "this transfer is " + in.state() + "; nothing more is stored");
        }
        var key = incomingKeys.computeIfAbsent(
                transferId, t -> TransferKey.unwrap(t, in.wrappedKey(), evidence.keySource()));
        byte[] plain;
        try {
            plain = key.open(transferId, senderItem, offset, chunk);
        } catch (ChunkRefused refused) {
            transaction.executeWithoutResult(status -> evidence.recordLocked(
                    in.packageId(),
                    ACTOR,
                    Act.TRANSFER_REFUSED,
                    itemId,
                    "offset=" + offset + ",rule=" + refused.code()));
            throw InvalidInput.of(
                    "body", refused.code(), "the chunk does not decrypt under the transfer's key: changed in transit");
        }
        evidence.appendTo(itemId, offset, new ByteArrayInputStream(plain), ACTOR);
        var item = evidence.storedItem(itemId);
        if (item.content() instanceof ItemContent.Stored) {
            var expected = entry(in, senderItem).sha256();
            if (!item.sha256().equals(expected)) {
                transaction.executeWithoutResult(status -> {
                    store.advanceIncoming(transferId, "receiving", "refused");
                    evidence.recordLocked(
                            in.packageId(),
                            ACTOR,
                            Act.TRANSFER_REFUSED,
                            itemId,
                            "rule=sha256-mismatch,sha256=" + item.sha256().hex() + ",manifest-sha256="
                                    + expected.hex());
                });
                throw InvalidInput.of(
                        "body", "sha256-mismatch", "the item's SHA-256 is not the one the signed manifest names");
            }
            completeIfWhole(in);
        }
        return arrival(item);
    }

    private void completeIfWhole(JdbcTransfers.Incoming in) {
        var items = evidence.items(in.packageId());
        if (!items.stream().allMatch(i -> i.content() instanceof ItemContent.Stored)) {
            return;
        }
        var manifest = TransferDocuments.readManifest(in.manifest());
        Map<Digest, Long> expected = new HashMap<>();
        manifest.items().forEach(e -> expected.merge(e.sha256(), 1L, Long::sum));
        Map<Digest, Long> arrived = new HashMap<>();
        items.forEach(i -> arrived.merge(i.sha256(), 1L, Long::sum));
        if (!expected.equals(arrived)) {
            return; // each item was checked as it completed; this cannot differ, but never seal if it does
        }
        transaction.executeWithoutResult(status -> {
            if (!store.advanceIncoming(in.transferId(), "receiving", "verified")) {
                return;
            }
            evidence.recordLocked(
                    in.packageId(),
                    ACTOR,
                    Act.VERIFIED,
                    null,
                    "transfer=" + in.transferId() + ",manifest=" + in.manifestDigest() + ",items=" + items.size());
            evidence.sealAs(in.packageId(), ACTOR);
            publicLog.received(evidence.stored(in.packageId()).requestId(), in.transferId(), in.manifestDigest());
            exchange.send(
                    new OutgoingMessage(
                            in.conversationId(),
                            MessageType.EVIDENCE_NOTICE,
                            new AuthorityId(in.sender()),
                            null,
                            false,
                            TransferDocuments.receipt(in.transferId(), new Digest(in.manifestDigest()), items.size())),
                    ACTOR);
        });
        incomingKeys.remove(in.transferId());
    }

    private static Manifest.Entry entry(JdbcTransfers.Incoming in, UUID senderItem) {
        return TransferDocuments.readManifest(in.manifest()).items().stream()
                .filter(e -> e.itemId().equals(senderItem))
                .findFirst()
                .orElseThrow(() -> new NotFound("transfer item"));
    }

    private static Arrival arrival(Item item) {
        return new Arrival(item.receivedBytes(), item.sizeBytes(), item.content() instanceof ItemContent.Stored);
    }

    private static TransferView view(JdbcTransfers.Outgoing o) {
        return new TransferView(o.transferId(), o.packageId(), o.recipient(), o.manifestDigest(), o.state());
    }
}
