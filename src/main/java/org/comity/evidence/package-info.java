/**
 * Evidence: packages of evidence that belong to a request — items with their origin, media type,
 * size and SHA-256, streamed in (resumable, chunked), encrypted at rest item by item with keys wrapped
 * by a node key, sealed under a manifest the node signs, kept for a retention period or under a legal
 * hold, and destroyed by shredding their keys. Every act on a package is an append-only, hash-chained,
 * signed custody record that can be exported and verified offline (docs/evidence.md). A sealed package
 * travels to the requesting State's node over the exchange, chunked and encrypted to the recipient,
 * and is verified there on arrival; its provenance exports as CASE/UCO JSON-LD.
 */
@ApplicationModule(displayName = "Evidence")
package org.comity.evidence;

import org.springframework.modulith.ApplicationModule;
