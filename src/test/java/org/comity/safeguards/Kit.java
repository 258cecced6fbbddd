package org.comity.safeguards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Profile;
import org.comity.jurisdiction.importing.ProfileReader;
import org.comity.jurisdiction.importing.VocabularyReader;
import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.domain.Context;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.safeguards.policy.CitationFile;
import org.comity.safeguards.policy.ConventionConduct;
import org.comity.safeguards.policy.PolicyPackFile;
import org.comity.safeguards.policy.PolicyPacks;
import org.comity.shared.CountryCode;
import org.comity.treaty.Answer;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reason;
import org.comity.treaty.Reservation;
import org.comity.treaty.ReservationEffect;
import org.comity.treaty.data.CatalogueFile;
import org.comity.treaty.domain.Catalogue;

/**
 * The engine's inputs built from the shipped files, without Spring or a database: the real articles
 * catalogue, citation keys, jurisdiction profiles and policy packs. Tests and the benchmark use it.
 */
public final class Kit {

    public static final Catalogue CATALOGUE = CatalogueFile.read(resource("treaty/instruments.yaml"));
    public static final Citations CITATIONS = CitationFile.read(
            resource("safeguards/citations.yaml"), resource("safeguards/human-rights-articles.yaml"), CATALOGUE::cite);
    public static final Set<ConductCode> CONVENTION = ConventionConduct.read(resource("jurisdiction/conduct.yaml"));
    private static final ProfileReader PROFILES =
            new ProfileReader(VocabularyReader.read(resource("jurisdiction/conduct.yaml")));
    public static final Map<CountryCode, Profile> PROFILE_BY_STATE = profiles();
    public static final PolicyPacks PACKS = new PolicyPacks(List.of(
            PolicyPackFile.read("XB-1.yaml", resource("safeguards/policy-packs/XB-1.yaml"), CITATIONS),
            PolicyPackFile.read("XB-2.yaml", resource("safeguards/policy-packs/XB-2.yaml"), CITATIONS),
            PolicyPackFile.read("QM-1.yaml", resource("safeguards/policy-packs/QM-1.yaml"), CITATIONS)));

    private Kit() {}

    /** A treaty answer for the pair with one instrument, as the treaty module would give it. */
    public static LegalBasis legalBasis(
            AssessmentInput input, String instrument, Answer answer, String reason, List<Reservation> reservations) {
        var reasons = reason == null ? List.<Reason>of() : List.of(Reason.plain(reason));
        // Named as the treaty module names it (the catalogue's short name), so explanations read as in production.
        var name = CATALOGUE.find(instrument).map(d -> d.shortName()).orElse(instrument);
        var option = new LegalBasis.Option(instrument, name, answer, reasons, reservations);
        return new LegalBasis(input.requesting(), input.requested(), input.requestDate(), answer, List.of(option));
    }

    public static Reservation reservation(String instrument, String party, String article, String effect) {
        return reservation(instrument, party, article, effect, List.of());
    }

    /** A reservation with the values its effect takes (the offences real-time collection is limited to). */
    public static Reservation reservation(
            String instrument, String party, String article, String effect, List<String> values) {
        ReservationEffect e = switch (effect) {
            case "article-not-applied" -> new ReservationEffect.ArticleNotApplied();
            case "preservation-requires-dual-criminality" ->
                new ReservationEffect.PreservationRequiresDualCriminality();
            case "real-time-collection-limited" -> new ReservationEffect.RealTimeCollectionLimited(values);
            default -> throw new IllegalArgumentException(effect);
        };
        return new Reservation(
                instrument,
                CountryCode.of(party),
                CATALOGUE.cite(instrument, article, Optional.empty()),
                Reservation.Kind.RESERVATION,
                e,
                Optional.empty(),
                Optional.empty(),
                "scenario",
                LocalDate.parse("2026-01-01"));
    }

    public static Context context(AssessmentInput input, LegalBasis basis) {
        return context(input, basis, PACKS.current(input.requested()));
    }

    public static Context context(AssessmentInput input, LegalBasis basis, PolicyPack pack) {
        return Context.of(
                input,
                basis,
                Optional.ofNullable(PROFILE_BY_STATE.get(input.requesting())),
                Optional.ofNullable(PROFILE_BY_STATE.get(input.requested())),
                pack,
                CITATIONS,
                CONVENTION,
                48);
    }

    public static String resource(String path) {
        try (InputStream in = Kit.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<CountryCode, Profile> profiles() {
        var map = new java.util.HashMap<CountryCode, Profile>();
        for (String s : new ArrayList<>(List.of("XA", "XB", "QM", "FR", "DE", "GB", "US"))) {
            var p = PROFILES.read(resource("jurisdiction/profiles/" + s + ".yaml"));
            map.put(p.state(), p);
        }
        return Map.copyOf(map);
    }
}
