package org.comity.treaty;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration under {@code comity.treaty}. Both switches default to on for a sandbox node and off for a
 * node with a real database, so training cases work out of the box and a real node has no fictional data.
 *
 * @param fictionalStates accept user-assigned codes (XA–XZ, QM–QZ, AA, ZZ) as fictional States in treaty
 *     actions and questions, for training nodes and tests; off in production so a typo is an error
 * @param fictionalStatus also load the shipped fictional treaty status ({@code treaty/fictional-actions.csv}:
 *     the UN Convention in force between fictional States), which needs {@code fictionalStates}
 */
@ConfigurationProperties("comity.treaty")
public record TreatyProperties(Optional<Boolean> fictionalStates, Optional<Boolean> fictionalStatus) {

    public TreatyProperties {
        fictionalStates = fictionalStates == null ? Optional.empty() : fictionalStates;
        fictionalStatus = fictionalStatus == null ? Optional.empty() : fictionalStatus;
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
