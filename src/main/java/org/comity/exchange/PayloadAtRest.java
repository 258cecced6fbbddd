package org.comity.exchange;

/**
 * What a module keeps of its own payloads once the inbox has opened them. The inbox keeps every accepted
 * message twice: the bytes received (encrypted to this authority, as they arrived) and the payload, to
 * read and to publish in {@link MessageAccepted}. A payload that carries a secret (a key to the bytes
 * that follow it) would sit there in the clear; the module that owns the message type gives the inbox a
 * form of it with the secret wrapped by a key of its own, and reads that form back from the event. Only
 * payloads of types a module owns; others pass unchanged.
 */
public interface PayloadAtRest {

    /**
     * The payload to keep and publish instead of {@code envelope.payload()}: itself, or a JSON object with
     * its secret members wrapped. Called after every verification step, before the inbox stores anything.
     * A failure refuses nothing: the message is not stored, and its sender delivers it again later.
     */
    String kept(Envelope envelope);
}
