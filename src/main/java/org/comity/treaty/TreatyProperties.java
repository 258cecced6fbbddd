package org.comity.treaty;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration under {@code comity.treaty}.
 *
 * @param fictionalStates accept user-assigned codes (XA–XZ, QM–QZ, AA, ZZ) as fictional States in treaty
 *     actions and questions, for training nodes and tests; off in production so a typo is an error
 * @param statusMaxAge how old the treaty status behind an answer may be (its newest confirmed source
 *     date) before every answer about that instrument carries a warning; depositaries record new
 *     signatures and ratifications every month, so half a year by default
 */
@ConfigurationProperties("comity.treaty")
public record TreatyProperties(
        @DefaultValue("false") boolean fictionalStates,
        @DefaultValue("180d") Period statusMaxAge) {

    public TreatyProperties {
        if (statusMaxAge == null || statusMaxAge.isNegative() || statusMaxAge.isZero()) {
            throw new IllegalArgumentException("comity.treaty.status-max-age must be a positive period, e.g. 180d");
        }
    }
}
