package org.comity.jurisdiction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param seriousCrimeMonths the maximum penalty from which an offence is a "serious crime": the UNCC
 *     defines it as a maximum deprivation of liberty of at least four years (see the articles
 *     catalogue); kept configurable for bilateral treaties with other thresholds
 * @param seedProfiles whether to import the profiles shipped with Comity at start when the database
 *     has none for their State (never overwrites an imported profile)
 * @param seedFictionalProfiles whether the shipped fictional States (XA, XB, QM…) are imported too;
 *     a sandbox always gets them, a real node only if this is set (training nodes)
 */
@ConfigurationProperties("comity.jurisdiction")
public record JurisdictionProperties(
        @DefaultValue("48") int seriousCrimeMonths,
        @DefaultValue("true") boolean seedProfiles,
        @DefaultValue("false") boolean seedFictionalProfiles) {}
