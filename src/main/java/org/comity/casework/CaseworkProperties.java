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
 * @param referenceFormat how this node writes request references ({@link
 *     org.comity.casework.domain.ReferenceFormat}: {@code {state}}, {@code {family}}, {@code {year}},
 *     {@code {seq}})
 * @param referenceState the two-letter code of this node's State, for {@code {state}}
 */
@ConfigurationProperties("comity.casework")
public record CaseworkProperties(
        @DefaultValue("classpath:casework/time-limits.csv") Resource timeLimits,
        @DefaultValue("PT5M") Duration watchInterval,
        @DefaultValue("true") boolean watchEnabled,
        @DefaultValue("P5Y") java.time.Period disclosureAfter,
        @DefaultValue("{state}-{family}-{year}-{seq}") String referenceFormat,
        @DefaultValue("XX") String referenceState) {}
