package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.comity.jurisdiction.Profile;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Context;
import org.junit.jupiter.api.Test;

/**
 * The assessor keeps profile fingerprints by identity for speed; what it records must still be the
 * fingerprint of the profile it was given, so replay sees a corrected profile as changed.
 */
class ProfileFingerprintTest {

    private final Assessor assessor = Assessor.standard();
    private final Scenarios.Scenario scenario = Scenarios.all().stream()
            .filter(s -> s.file().equals("04-bec-fraud-laundering.yaml"))
            .findFirst()
            .orElseThrow();

    @Test
    void anEqualCopyOfAProfileHasTheSameFingerprint() {
        var context = Kit.context(scenario.input(), scenario.legalBasis());
        var requested = context.requestedProfile().orElseThrow();
        var copy = new Profile(
                requested.state(),
                requested.fictional(),
                requested.asOf(),
                requested.sources(),
                requested.offences(),
                requested.coverage(),
                requested.notOffences(),
                requested.authorities(),
                requested.policyPack(),
                requested.notes());

        var first = assessor.assess(context).inputs();
        var again = assessor.assess(withRequested(context, copy)).inputs();

        assertThat(again.requestedProfile()).isEqualTo(first.requestedProfile());
    }

    @Test
    void aCorrectedProfileIsNotGivenTheFingerprintOfTheOneItReplaced() {
        var context = Kit.context(scenario.input(), scenario.legalBasis());
        var requested = context.requestedProfile().orElseThrow();
        assertThat(requested.offences()).hasSizeGreaterThan(1);
        var corrected = new Profile(
                requested.state(),
                requested.fictional(),
                requested.asOf(),
                requested.sources(),
                requested.offences().subList(1, requested.offences().size()),
                requested.authorities(),
                requested.policyPack(),
                requested.notes());

        var before = assessor.assess(context).inputs();
        var after = assessor.assess(withRequested(context, corrected)).inputs();

        assertThat(after.requestedProfile())
                .startsWith(requested.state() + "@" + requested.asOf() + "#")
                .isNotEqualTo(before.requestedProfile());
        assertThat(after.requestingProfile()).isEqualTo(before.requestingProfile());
    }

    private static Context withRequested(Context c, Profile requested) {
        return Context.of(
                c.input(),
                c.legalBasis(),
                c.requestingProfile(),
                Optional.of(requested),
                c.pack(),
                c.citations(),
                c.conventionConduct(),
                c.seriousCrimeMonths());
    }
}
