package org.comity.casework;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.comity.casework.persistence.JdbcRequests;
import org.comity.shared.NotFound;
import org.comity.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * Puts evidence packages that crossed between nodes on the public log: the request's public facts (as
 * its own entries give them) and the package's manifest digest, never a byte of content and nothing a
 * person typed. For the evidence module, which calls it in the transaction that records the act, so
 * the entry and the act are stored together or not at all (docs/evidence.md, "On the public log").
 */
@Component
public class EvidenceLog {

    private final JdbcRequests requests;
    private final Casework casework;
    private final TransparencyFeed feed;
    private final Clock clock;

    EvidenceLog(JdbcRequests requests, Casework casework, TransparencyFeed feed, Clock clock) {
        this.requests = requests;
        this.casework = casework;
        this.feed = feed;
        this.clock = clock;
    }

    /** The requested State's node: the recipient verified the package it sent. */
    public void transmitted(UUID requestId, UUID transferId, String manifestDigest) {
        enqueue(requestId, EventType.EVIDENCE_TRANSMITTED, transferId, manifestDigest);
    }

    /** The requesting State's node: the package arrived and every item and the manifest verified. */
    public void received(UUID requestId, UUID transferId, String manifestDigest) {
        enqueue(requestId, EventType.EVIDENCE_RECEIVED, transferId, manifestDigest);
    }

    private void enqueue(UUID requestId, EventType type, UUID transferId, String manifestDigest) {
        var request = requests.find(requestId).orElseThrow(() -> new NotFound("request"));
        var now = clock.instant();
        var eventId =
                UUID.nameUUIDFromBytes(("evidence/" + transferId + "/" + type.code()).getBytes(StandardCharsets.UTF_8));
        // The confidential record the entry commits to: which request, transfer and manifest.
        var record = "{\"manifest\":\"" + manifestDigest + "\",\"request\":\"" + requestId + "\",\"transfer\":\""
                + transferId + "\"}";
        feed.enqueueEvidence(
                RequestFacts.of(request),
                type,
                eventId,
                manifestDigest,
                record,
                Casework.day(now),
                casework.disclosure(request, now));
    }
}
