package org.comity.evidence;

import java.time.Instant;
import java.util.UUID;
import org.comity.evidence.domain.Item;
import org.comity.evidence.domain.ItemContent;
import org.jspecify.annotations.Nullable;

/**
 * An item as the API shows it.
 *
 * @param state {@code receiving} (upload under way), {@code stored} or {@code shredded}
 * @param sha256 the SHA-256 of the whole item, computed as it streamed in; absent until it has
 */
public record ItemView(
        UUID id,
        UUID packageId,
        String fileName,
        String mediaType,
        String orderReference,
        String sourceKind,
        String sourceName,
        Instant collectedAt,
        long sizeBytes,
        long receivedBytes,
        String state,
        @Nullable String sha256,
        Instant addedAt,
        String addedBy) {

    static ItemView of(Item item) {
        return new ItemView(
                item.id(),
                item.packageId(),
                item.fileName(),
                item.mediaType().value(),
                item.origin().orderReference(),
                item.origin().source().code(),
                item.origin().source().name(),
                item.origin().collectedAt(),
                item.sizeBytes(),
                item.receivedBytes(),
                switch (item.content()) {
                    case ItemContent.Receiving r -> "receiving";
                    case ItemContent.Stored s -> "stored";
                    case ItemContent.Shredded s -> "shredded";
                },
                switch (item.content()) {
                    case ItemContent.Receiving r -> null;
                    case ItemContent.Stored s -> s.sha256().hex();
                    case ItemContent.Shredded s ->
                        s.sha256() == null ? null : s.sha256().hex();
                },
                item.addedAt(),
                item.addedBy());
    }
}
