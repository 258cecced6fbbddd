package org.comity.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.comity.jurisdiction.importing.ProfileReader;
import org.comity.jurisdiction.importing.ProfileWriter;
import org.comity.jurisdiction.importing.VocabularyReader;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.junit.jupiter.api.Test;

/** Reading, checking and writing profile files, without a database. */
class ProfileFilesTest {

    static final ProfileReader reader =
            new ProfileReader(VocabularyReader.read(Jurisdictions.classpath("jurisdiction/conduct.yaml")));

    @Test
    void readsAFictionalProfile() {
        var profile = reader.read(Jurisdictions.classpath("jurisdiction/profiles/XB.yaml"));
        assertThat(profile.state().value()).isEqualTo("XB");
        assertThat(profile.fictional()).isTrue();
        assertThat(profile.offencesCovering(new ConductCode("illegal-access")))
                .extracting(Offence::provision)
                .containsExactly("Criminal Code s. 11", "Criminal Code s. 10");
        assertThat(profile.authority(AuthorityRole.POINT_OF_CONTACT_24_7)).isPresent();
    }

    @Test
    void writingThenReadingGivesTheSameProfile() {
        for (String state : new String[] {"XA", "XB", "QM"}) {
            var profile = reader.read(Jurisdictions.classpath("jurisdiction/profiles/" + state + ".yaml"));
            assertThat(reader.read(ProfileWriter.write(profile))).isEqualTo(profile);
        }
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        var text = """
                state: DE
                as_of: 2026-13-01
                sources:
                  - id: stgb
                    title: Strafgesetzbuch
                offences:
                  - provision: StGB § 202a
                    title: Data espionage
                    conduct: [illegal-acess]
                    max_penalty: {months: 36}
                    source: stgb
                  - provision: StGB § 303b
                    title: Computer sabotage
                    conduct: [system-interference]
                    max_penalty: {years: 3}
                    source: stbg
                  - provision: StGB § 263a
                    titel: Computer fraud
                    conduct: [ict-theft-or-fraud]
                    max_penalty: {months: 60}
                """;
        assertThatThrownBy(() -> reader.read(text))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(
                                        Violation::field,
                                        Violation::rule,
                                        v -> v.message().replaceAll(":.*", ""))
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple("as_of", "date", "line 2"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "offences[0].conduct[0]", "unknown-conduct", "line 9"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "offences[1].max_penalty", "max-penalty", "line 15"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "offences[1].source", "unknown-source", "line 16"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "offences[2].titel", "unknown-key", "line 18"),
                                        org.assertj.core.groups.Tuple.tuple("offences[2].title", "required", "line 17"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "offences[2].source", "source-required", "line 17")));
    }

    @Test
    void yamlSyntaxErrorsNameTheirLine() {
        assertThatThrownBy(() -> reader.read("state: XA\nfictional: true\noffences: [\n  - a: b\n"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.rule()).isEqualTo("yaml-syntax");
                            assertThat(v.message()).startsWith("line ");
                        }));
    }

    @Test
    void realStatesNeedSourcesAndFictionalOnesUserAssignedCodes() {
        assertThatThrownBy(() -> reader.read("state: FR\nas_of: 2026-01-01\n"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::rule)
                                .containsExactly("sources-required"));
        assertThatThrownBy(() -> reader.read("state: FR\nfictional: true\nas_of: 2026-01-01\n"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::rule)
                                .containsExactly("fictional-code"));
    }

    @Test
    void aliasesAreRefusedSoAFileCannotExplode() {
        var bomb = "state: XA\nfictional: true\nas_of: 2026-01-01\na: &a [x, x]\nb: [*a, *a]\n";
        assertThatThrownBy(() -> reader.read(bomb)).isInstanceOf(InvalidInput.class);
    }

    /** A profile in the format before coverage existed still loads: what it lists is criminal, the rest unknown. */
    @Test
    void aProfileWithoutCoverageLoadsAndCoversNothing() {
        var text = """
                state: XC
                fictional: true
                as_of: 2025-06-01
                offences:
                  - provision: Penal Code 1
                    title: Hacking
                    conduct: [illegal-access]
                    max_penalty: {months: 24}
                    flags: []
                authorities: []
                policy_pack: null
                """;
        var profile = reader.read(text);
        assertThat(profile.coverage()).isEmpty();
        assertThat(profile.notOffences()).isEmpty();
        var access = org.comity.jurisdiction.domain.CriminalityPolicy.criminality(
                profile.state(), java.util.Optional.of(profile), new ConductCode("illegal-access"));
        assertThat(access)
                .isInstanceOfSatisfying(
                        Criminality.Criminal.class,
                        c -> assertThat(c.complete()).isFalse());
        assertThat(org.comity.jurisdiction.domain.CriminalityPolicy.criminality(
                        profile.state(), java.util.Optional.of(profile), new ConductCode("threats")))
                .isInstanceOf(Criminality.Unknown.class);
        assertThat(ProfileWriter.write(profile)).doesNotContain("coverage").doesNotContain("not_offences");
    }

    @Test
    void coverageAndStatementsAreCheckedAgainstTheOffences() {
        var text = """
                state: DE
                as_of: 2026-01-01
                sources:
                  - id: stgb
                    title: Strafgesetzbuch
                offences:
                  - provision: StGB § 202a
                    title: Data espionage
                    conduct: [illegal-access]
                    max_penalty: {months: 36}
                    source: stgb
                coverage:
                  - conduct: [illegal-access, threats]
                    source: stgb
                  - conduct: [fraud]
                not_offences:
                  - conduct: illegal-access
                    statement: Hacking is not an offence.
                    source: stgb
                  - conduct: blasphemy
                    statement: There is no blasphemy offence.
                """;
        assertThatThrownBy(() -> reader.read(text))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::rule)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple("coverage[1].source", "source-required"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "not_offences[0].conduct", "contradicts-offence"),
                                        org.assertj.core.groups.Tuple.tuple(
                                                "not_offences[1].source", "source-required"),
                                        org.assertj.core.groups.Tuple.tuple("coverage", "covered-without-offence")));
    }

    @Test
    void everyShippedProfileRoundTripsWithItsCoverage() {
        for (String state : new String[] {"XA", "XB", "QM", "DE", "FR", "GB", "US"}) {
            var profile = reader.read(Jurisdictions.classpath("jurisdiction/profiles/" + state + ".yaml"));
            assertThat(reader.read(ProfileWriter.write(profile))).as(state).isEqualTo(profile);
        }
    }

    /** Every conduct category outside the Convention says what it takes in, so catalogues map alike. */
    @Test
    void theVocabularyNamesWhatAbusiveRequestsUseWithTheirMeaning() {
        var vocabulary = VocabularyReader.read(Jurisdictions.classpath("jurisdiction/conduct.yaml"));
        for (String code : new String[] {
            "consensual-same-sex-relations",
            "gambling",
            "riot",
            "embezzlement",
            "blasphemy",
            "public-morality",
            "extortion",
            "threats",
            "fraud",
            "theft",
            "forgery",
            "laundering",
            "child-sexual-abuse",
            "harassment",
            "drug-trafficking",
            "terrorism",
            "homicide"
        }) {
            var entry = vocabulary.entry(new ConductCode(code));
            assertThat(entry.convention() || entry.meaning().isPresent())
                    .as(code)
                    .isTrue();
        }
    }

    /** Issue 11: FR art. 323-1 since loi n° 2023-22, and what the real profiles say or leave unknown. */
    @Test
    void theRealProfilesRecordWhatWasSourcedAndLeaveTheRestUnknown() {
        var fr = reader.read(Jurisdictions.classpath("jurisdiction/profiles/FR.yaml"));
        assertThat(fr.offences().stream()
                        .filter(o -> o.provision().startsWith("Code pénal art. 323-1"))
                        .map(Offence::maxPenalty))
                .containsExactly(MaxPenalty.months(36), MaxPenalty.months(60), MaxPenalty.months(84));
        for (String state : new String[] {"DE", "FR", "GB", "US"}) {
            var profile = reader.read(Jurisdictions.classpath("jurisdiction/profiles/" + state + ".yaml"));
            assertThat(profile.offences())
                    .as(state + " lists general offences with their source")
                    .anySatisfy(o -> assertThat(o.conduct())
                            .containsAnyOf(new ConductCode("fraud"), new ConductCode("harassment")))
                    .allSatisfy(o -> assertThat(profile.sources())
                            .anyMatch(src -> src.id().equals(o.source())));
            assertThat(org.comity.jurisdiction.domain.CriminalityPolicy.criminality(
                            profile.state(), java.util.Optional.of(profile), new ConductCode("gambling")))
                    .as(state + " says nothing of gambling")
                    .isInstanceOf(Criminality.Unknown.class);
        }
        var de = reader.read(Jurisdictions.classpath("jurisdiction/profiles/DE.yaml"));
        assertThat(org.comity.jurisdiction.domain.CriminalityPolicy.criminality(
                        de.state(), java.util.Optional.of(de), new ConductCode("consensual-same-sex-relations")))
                .isInstanceOf(Criminality.NotCriminal.class);
        assertThat(org.comity.jurisdiction.domain.CriminalityPolicy.criminality(
                        de.state(), java.util.Optional.of(de), new ConductCode("threats")))
                .isInstanceOfSatisfying(
                        Criminality.Criminal.class,
                        c -> assertThat(c.complete()).isFalse());
    }
}
