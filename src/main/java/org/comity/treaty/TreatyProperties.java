package org.comity.treaty;

import java.time.Period;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration under {@code comity.treaty}. Both fictional switches default to on for a sandbox node and
 * off for a node with a real database, so training cases work out of the box and a real node has no
 * fictional data.
 *
 * @param fictionalStates accept user-assigned codes (XA–XZ, QM–QZ, AA, ZZ) as fictional States in treaty
 *     actions and questions, for training nodes and tests; off in production so a typo is an error
 * @param fictionalStatus also load the shipped fictional treaty status ({@code treaty/fictional-actions.csv}:
 *     the UN Convention in force between fictional States), which needs {@code fictionalStates}
 * @param statusMaxAge how old the treaty status behind an answer may be (its newest confirmed source
 *     date) before every answer about that instrument carries a warning; depositaries record new
 *     signatures and ratifications every month, so half a year by default
 */
@ConfigurationProperties("comity.treaty")
public record TreatyProperties(
        Optional<Boolean> fictionalStates,
        Optional<Boolean> fictionalStatus,
        @DefaultValue("180d") Period statusMaxAge) {

    public TreatyProperties {
        fictionalStates = fictionalStates == null ? Optional.empty() : fictionalStates;
        fictionalStatus = fictionalStatus == null ? Optional.empty() : fictionalStatus;
        if (statusMaxAge == null || statusMaxAge.isNegative() || statusMaxAge.isZero()) {
            throw new IllegalArgumentException("comity.treaty.status-max-age must be a positive period, e.g. 180d");
        }
    }

    /** Whether fictional States are accepted, given whether the node runs as a sandbox. */
    public boolean fictionalStates(boolean sandbox) {
        return fictionalStates.orElse(sandbox);
    }

    /** Whether the fictional treaty status is loaded; never without fictional States. */
    public boolean fictionalStatus(boolean sandbox) {
        return fictionalStates(sandbox) && fictionalStatus.orElse(sandbox);
    }
}
