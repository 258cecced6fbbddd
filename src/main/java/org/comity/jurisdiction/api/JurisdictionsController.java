package org.comity.jurisdiction.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.ConductEntry;
import org.comity.jurisdiction.Criminality;
import org.comity.jurisdiction.DualCriminality;
import org.comity.jurisdiction.ImportedProfile;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.jurisdiction.MaxPenalty;
import org.comity.jurisdiction.Offence;
import org.comity.jurisdiction.Profile;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/jurisdictions")
@Tag(name = "Jurisdictions", description = "What each State's law punishes, and its authorities")
class JurisdictionsController {

    private static final int MAX_IMPORT_CHARACTERS = 2_000_000;

    private final Jurisdictions jurisdictions;

    JurisdictionsController(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    record ProfileSummary(String state, boolean fictional, String asOf, int offences, int authorities) {
        static ProfileSummary of(Profile p) {
            return new ProfileSummary(
                    p.state().value(),
                    p.fictional(),
                    p.asOf().toString(),
                    p.offences().size(),
                    p.authorities().size());
        }
    }

    /** A penalty as JSON: {@code {"months": 36}}, {@code {"life": true}} or {@code {"death": true}}. */
    record Penalty(Integer months, Boolean life, Boolean death) {
        static Penalty of(MaxPenalty penalty) {
            return switch (penalty) {
                case MaxPenalty.Months m -> new Penalty(m.months(), null, null);
                case MaxPenalty.Life l -> new Penalty(null, true, null);
                case MaxPenalty.Death d -> new Penalty(null, null, true);
            };
        }
    }

    record OffenceView(
            String provision,
            String title,
            List<String> conduct,
            Penalty maxPenalty,
            List<String> flags,
            String source) {
        static OffenceView of(Offence o) {
            return new OffenceView(
                    o.provision(),
                    o.title(),
                    o.conduct().stream().map(ConductCode::value).sorted().toList(),
                    Penalty.of(o.maxPenalty()),
                    o.flags().stream().map(f -> f.code()).sorted().toList(),
                    o.source());
        }
    }

    record ProfileView(
            String state,
            boolean fictional,
            String asOf,
            List<org.comity.jurisdiction.Source> sources,
            List<OffenceView> offences,
            List<CoverageView> coverage,
            List<NotAnOffenceView> notOffences,
            List<org.comity.jurisdiction.Authority> authorities,
            String policyPack,
            String notes) {
        static ProfileView of(Profile p) {
            return new ProfileView(
                    p.state().value(),
                    p.fictional(),
                    p.asOf().toString(),
                    p.sources(),
                    p.offences().stream().map(OffenceView::of).toList(),
                    p.coverage().stream().map(CoverageView::of).toList(),
                    p.notOffences().stream().map(NotAnOffenceView::of).toList(),
                    p.authorities(),
                    p.policyPack(),
                    p.notes());
        }
    }

    /** Conduct categories the profile lists completely, with the source that shows it. */
    record CoverageView(List<String> conduct, String source, String note) {
        static CoverageView of(org.comity.jurisdiction.Coverage c) {
            return new CoverageView(
                    c.conduct().stream().map(ConductCode::value).sorted().toList(), c.source(), c.note());
        }
    }

    /** A positive statement that conduct is not an offence, with its source. */
    record NotAnOffenceView(String conduct, String statement, String source) {
        static NotAnOffenceView of(org.comity.jurisdiction.NotAnOffence n) {
            return new NotAnOffenceView(n.conduct().value(), n.statement(), n.source());
        }
    }

    /**
     * @param answer criminal, not-criminal (only on the profile's own statement) or unknown
     * @param complete for criminal: the profile covers the category completely, so {@code maximum} is the
     *     State's maximum and not only the most severe offence listed
     * @param serious null when it cannot be told
     * @param reason why the answer is what it is, in plain words (the statement and its source for
     *     not-criminal; the reason for unknown)
     */
    record CriminalityView(
            String state,
            String conduct,
            String answer,
            Penalty maximum,
            Boolean complete,
            Boolean serious,
            List<OffenceView> offences,
            String reason) {}

    record DualCriminalityView(String conduct, String answer, CriminalityView requesting, CriminalityView requested) {}

    @GetMapping
    @Operation(summary = "States with a profile")
    List<ProfileSummary> list(@RequestParam(defaultValue = "true") boolean includeFictional) {
        return jurisdictions.profiles(includeFictional).stream()
                .map(ProfileSummary::of)
                .toList();
    }

    @GetMapping("/conduct")
    @Operation(summary = "The conduct vocabulary offences are mapped onto")
    List<ConductEntry> conduct() {
        return jurisdictions.conductVocabularyByCode();
    }

    @GetMapping("/{state}")
    @Operation(summary = "One State's profile: offences, authorities, sources")
    ProfileView profile(@PathVariable String state) {
        return jurisdictions
                .profile(code(state))
                .map(ProfileView::of)
                .orElseThrow(() -> new NotFound("profile of " + state));
    }

    @GetMapping(value = "/{state}/export", produces = "application/yaml")
    @Operation(summary = "One State's profile as a reviewable YAML file, in the import format")
    String export(@PathVariable String state) {
        return jurisdictions.export(code(state));
    }

    @PostMapping(
            value = "/import",
            consumes = {"application/yaml", "text/yaml"})
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Import one profile file (administrators); every problem is listed with its line")
    ImportedProfile importProfile(
            @RequestBody String body, @RequestParam(required = false) String fileName, Principal principal) {
        if (body.length() > MAX_IMPORT_CHARACTERS) {
            throw InvalidInput.of("body", "file-too-large", "a profile file has at most 2 000 000 characters");
        }
        return jurisdictions.importProfile(body, principal.getName(), fileName);
    }

    @GetMapping("/{state}/criminality")
    @Operation(summary = "Is this conduct criminal in the State, how severely, and is it a serious crime")
    CriminalityView criminality(@PathVariable String state, @RequestParam String conduct) {
        return view(jurisdictions.criminality(code(state), conduct(conduct)));
    }

    @GetMapping("/dual-criminality")
    @Operation(summary = "Dual criminality on conduct between a requesting and a requested State")
    DualCriminalityView dualCriminality(
            @RequestParam String requesting, @RequestParam String requested, @RequestParam String conduct) {
        var requestingState = code("requesting", requesting);
        var requestedState = code("requested", requested);
        var answer = jurisdictions.dualCriminality(requestingState, requestedState, conduct(conduct));
        var a = view(jurisdictions.criminality(requestingState, conduct(conduct)));
        var b = view(jurisdictions.criminality(requestedState, conduct(conduct)));
        var word = switch (answer) {
            case DualCriminality.Met m -> "met";
            case DualCriminality.NotMet n -> "not-met";
            case DualCriminality.Unknown u -> "unknown";
        };
        return new DualCriminalityView(conduct, word, a, b);
    }

    private CriminalityView view(Criminality criminality) {
        return switch (criminality) {
            case Criminality.Criminal c ->
                new CriminalityView(
                        c.state().value(),
                        c.conduct().value(),
                        "criminal",
                        Penalty.of(c.maximum()),
                        c.complete(),
                        jurisdictions.seriousCrime(c).orElse(null),
                        c.offences().stream().map(OffenceView::of).toList(),
                        c.complete()
                                ? null
                                : c.state() + "'s profile does not cover this conduct completely: the maximum is"
                                        + " that of the most severe offence it lists, and a more severe one may"
                                        + " exist.");
            case Criminality.NotCriminal n ->
                new CriminalityView(
                        n.state().value(),
                        n.conduct().value(),
                        "not-criminal",
                        null,
                        null,
                        false,
                        List.of(),
                        n.statement().statement() + " (source: " + sourceTitle(n) + ")");
            case Criminality.Unknown u ->
                new CriminalityView(
                        u.state().value(), u.conduct().value(), "unknown", null, null, null, List.of(), u.reason());
        };
    }

    private String sourceTitle(Criminality.NotCriminal n) {
        return jurisdictions.profile(n.state()).stream()
                .flatMap(p -> p.sources().stream())
                .filter(s -> s.id().equals(n.statement().source()))
                .map(org.comity.jurisdiction.Source::title)
                .findFirst()
                .orElse(n.statement().source());
    }

    private static CountryCode code(String value) {
        return code("state", value);
    }

    private static CountryCode code(String field, String value) {
        return CountryCode.parse(field, value);
    }

    private static ConductCode conduct(String value) {
        try {
            return new ConductCode(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("conduct", "unknown-conduct", "a conduct code such as illegal-access");
        }
    }
}
