package org.comity.evidence.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an item comes from: the order that produced it (a production order, a search warrant; its
 * reference as the requested State numbers it), who produced it and when it was collected.
 */
public record Origin(String orderReference, Source source, Instant collectedAt) {

    public Origin {
        orderReference = Texts.label("origin.orderReference", orderReference);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(collectedAt, "collectedAt");
    }
}
