package org.comity.exchange.domain;

/** A card an administrator pinned, under the id the node stores it with. */
public record PinnedCard(long pinId, VerifiedCard card) {}
