package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.CountryCode;

/**
 * An instrument as the catalogue defines it.
 *
 * @param entryIntoForce the threshold rule for instruments joined by consent
 * @param recordedEntryIntoForce the entry-into-force date a source records (it wins over computing it
 *     from the actions, which are incomplete); for bilateral treaties and regional law, their date
 * @param appliesFrom for regional law: the date it applies from
 * @param appliesBetween for regional law: the group it binds
 * @param bilateralParties for a bilateral treaty: its two States
 * @param actionsResearched the States whose treaty actions were researched, when the record is known
 *     to be incomplete: for any other State "no action on record" means "unknown", not "not bound"
 */
public record InstrumentDefinition(
        String id,
        InstrumentKind kind,
        String title,
        String shortName,
        Optional<String> parent,
        Optional<ThresholdRule> entryIntoForce,
        Optional<DenunciationRule> denunciation,
        Optional<LocalDate> recordedEntryIntoForce,
        Optional<LocalDate> appliesFrom,
        Optional<Group> appliesBetween,
        List<CountryCode> bilateralParties,
        Optional<LocalDate> terminatedOn,
        String source,
        Optional<LocalDate> asOf,
        Map<String, Article> articles,
        Optional<Group> actionsResearched) {

    public InstrumentDefinition {
        bilateralParties = List.copyOf(bilateralParties);
        articles = Map.copyOf(articles);
        if (kind.joinedByConsent() && entryIntoForce.isEmpty()) {
            throw new IllegalArgumentException(id + ": a treaty joined by consent needs an entry-into-force rule");
        }
        if (kind == InstrumentKind.BILATERAL
                && (bilateralParties.size() != 2 || bilateralParties.get(0).equals(bilateralParties.get(1)))) {
            throw new IllegalArgumentException(id + ": a bilateral treaty has two different parties");
        }
        if (kind == InstrumentKind.REGIONAL_LAW && appliesBetween.isEmpty()) {
            throw new IllegalArgumentException(id + ": regional law names the group it binds");
        }
    }
}
