package org.comity.safeguards.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.shared.CountryCode;

/**
 * Every loaded version of every State's pack. The highest version applies to new assessments; older
 * versions stay so an assessment can be replayed with the pack it used.
 */
public final class PolicyPacks {

    private final Map<CountryCode, List<PolicyPack>> byState;

    public PolicyPacks(List<PolicyPack> packs) {
        var map = new TreeMap<CountryCode, List<PolicyPack>>();
        for (PolicyPack pack : packs) {
            var versions = map.computeIfAbsent(pack.state(), s -> new ArrayList<>());
            if (versions.stream().anyMatch(p -> p.version() == pack.version())) {
                throw new PolicyPackProblems(
                        pack.id(),
                        List.of("two files give version " + pack.version() + " of " + pack.state() + "'s pack"));
            }
            versions.add(pack);
        }
        map.values().forEach(v -> v.sort(Comparator.comparingInt(PolicyPack::version)));
        this.byState = map;
    }

    /** The current pack of a State, or the defaults when it has none. */
    public PolicyPack current(CountryCode state) {
        var versions = byState.get(state);
        return versions == null ? PolicyPack.none(state) : versions.getLast();
    }

    /** The pack an assessment recorded ({@link PolicyPack#label()}), if still loaded. */
    public Optional<PolicyPack> byLabel(CountryCode state, String label) {
        if ("none".equals(label)) {
            return Optional.of(PolicyPack.none(state));
        }
        return byState.getOrDefault(state, List.of()).stream()
                .filter(p -> p.label().equals(label))
                .findFirst();
    }

    /** These packs and one more version, for an import (the caller checked the version is new). */
    public PolicyPacks with(PolicyPack pack) {
        var packs = new ArrayList<>(all());
        packs.add(pack);
        return new PolicyPacks(packs);
    }

    public List<PolicyPack> all() {
        return byState.values().stream().flatMap(List::stream).toList();
    }
}
