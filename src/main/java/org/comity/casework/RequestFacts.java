package org.comity.casework;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may know about a request, and no more: no names, identifiers or facts. Kinds,
 * directions and conduct categories travel as stable codes ({@code expedited-preservation},
 * {@code illegal-access}), which is also how the public log writes them.
 *
 * @param legalBasis the instrument id as the request names it; the treaty module resolves it
 * @param version the request's version right after the change that caused the event
 */
public record RequestFacts(
        UUID requestId,
        String direction,
        @Nullable CountryCode requestingState,
        @Nullable CountryCode requestedState,
        String kind,
        @Nullable String legalBasis,
        Set<String> conductCategories,
        boolean emergency,
        long version) {

    public RequestFacts {
        conductCategories = Set.copyOf(conductCategories);
    }

    static RequestFacts of(Request request) {
        return of(
                request.id(),
                request.version(),
                request.direction().name().toLowerCase(java.util.Locale.ROOT),
                request.kind().code(),
                request.content());
    }

    /** The facts of one version of a request, from its direction and kind codes and its content. */
    static RequestFacts of(UUID requestId, long version, String direction, String kind, RequestContent content) {
        var categories = new TreeSet<String>();
        content.offences().forEach(o -> o.conductCategories().forEach(c -> categories.add(c.value())));
        return new RequestFacts(
                requestId,
                direction,
                state(content.requestingAuthority()),
                state(content.requestedAuthority()),
                kind,
                content.legalBasis(),
                categories,
                content.emergency(),
                version);
    }

    /**
     * A stable id for one event of this request version: the same event, published again after a
     * crash, gets the same id, which is what makes appending it to the public log idempotent.
     */
    public UUID eventId(String eventType) {
        return UUID.nameUUIDFromBytes(
                (requestId + "/" + version + "/" + eventType).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static @Nullable CountryCode state(RequestContent.@Nullable Authority authority) {
        return authority == null ? null : authority.state();
    }
}
