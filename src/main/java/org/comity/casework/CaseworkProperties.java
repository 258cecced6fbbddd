package org.comity.casework;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Casework settings ({@code comity.casework.*}).
 *
 * @param timeLimits the time-limits data file (response times per kind and urgency, preservation)
 * @param watchInterval how often the node looks for missed deadlines and lapsing preservations
 * @param watchEnabled whether it looks at all (tests drive the watch by hand)
 * @param disclosureAfter how long after an event the confidential record behind its public log entry
 *     may be revealed, when the request sets no confidentiality end date of its own
 */
@ConfigurationProperties("comity.casework")
public record CaseworkProperties(
        @DefaultValue("classpath:casework/time-limits.csv") Resource timeLimits,
        @DefaultValue("PT5M") Duration watchInterval,
        @DefaultValue("true") boolean watchEnabled,
        @DefaultValue("P5Y") java.time.Period disclosureAfter) {}
