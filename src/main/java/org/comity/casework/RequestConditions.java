package org.comity.casework;

import java.util.UUID;
import org.comity.casework.persistence.JdbcRequests;
import org.springframework.stereotype.Component;

/**
 * The use conditions a request states (speciality, consent before onward transfer), for modules that
 * keep what the request produced by them (evidence retention). Flags only, never text; no visibility
 * rule applies, so callers check the request's visibility themselves where a user asks.
 */
@Component
public class RequestConditions {

    /** What the requesting State undertook. */
    public record UseLimits(boolean speciality, boolean onwardTransferNeedsConsent) {}

    private final JdbcRequests requests;

    RequestConditions(JdbcRequests requests) {
        this.requests = requests;
    }

    /** The request's limits; none stated (or no such request): both false. */
    public UseLimits of(UUID requestId) {
        return requests.find(requestId)
                .map(r -> r.content().conditions())
                .map(c -> new UseLimits(c.speciality(), c.onwardTransferNeedsConsent()))
                .orElse(new UseLimits(false, false));
    }
}
