package org.comity.casework.letter;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.bidi.support.ICUBreakers;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.casework.Casework;
import org.comity.casework.domain.AuditAction;
import org.comity.casework.domain.Consultation;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.jurisdiction.AuthorityRole;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.shared.Conflict;
import org.comity.shared.CountryCode;
import org.comity.shared.NotFound;
import org.comity.treaty.Citation;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.StateNames;
import org.comity.treaty.Treaties;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Letters of request as PDF, for the paper and e-mail channels: the current version of a request's
 * content in a neutral layout, in English, French or Arabic. The request is read through the casework
 * facade, so who may read the request may print it and nobody else. The HTML comes from the Thymeleaf
 * template {@code casework/letter} (user text is only ever printed escaped) and openhtmltopdf lays it
 * out with the bundled DejaVu Sans, so the output does not depend on the machine's fonts; the PDF is
 * tagged (PDF/UA) and PDF/A-3u.
 */
@Component
public class Letters {

    /** Two fonts is all the letter uses; the renderer must never fall back to a non-embedded one. */
    private static final String FONT = "DejaVu Sans";

    /**
     * openhtmltopdf logs through java.util.logging and reports every render at INFO; only its warnings
     * matter. Held here because JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger RENDERER_LOG = quiet("com.openhtmltopdf");

    private static java.util.logging.Logger quiet(String name) {
        var logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Casework casework;
    private final Treaties treaties;
    private final StateNames stateNames;
    private final Jurisdictions jurisdictions;
    private final ITemplateEngine templates;
    private final Clock clock;
    private final byte[] regular;
    private final byte[] bold;
    private final byte[] colourProfile;
    private final Map<String, Citation> articles = new HashMap<>();

    Letters(
            Casework casework,
            Treaties treaties,
            StateNames stateNames,
            Jurisdictions jurisdictions,
            ITemplateEngine templates,
            Clock clock) {
        this.casework = casework;
        this.treaties = treaties;
        this.stateNames = stateNames;
        this.jurisdictions = jurisdictions;
        this.templates = templates;
        this.clock = clock;
        this.regular = resource("fonts/DejaVuSans.ttf");
        this.bold = resource("fonts/DejaVuSans-Bold.ttf");
        this.colourProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new RendererLog());
        loadArticles();
    }

    /** A rendered letter and the file name to offer it under. */
    public record Letter(String fileName, byte[] pdf) {

        /** Always an attachment (never shown inline), never cached: a letter holds confidential content. */
        public ResponseEntity<byte[]> download() {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .cacheControl(CacheControl.noStore())
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(fileName)
                                    .build()
                                    .toString())
                    .body(pdf);
        }
    }

    /**
     * The letter for the request's current version.
     *
     * @throws NotFound when the current user may not see the request
     * @throws org.comity.shared.InvalidInput naming {@code lang} for a language letters are not written in
     */
    public Letter letter(UUID id, @Nullable String lang) {
        var language = LetterLanguage.parse(lang);
        var request = casework.get(id);
        var view = view(request, language);
        var context = new Context(language.locale(), Map.of("letter", view));
        var html = templates.process("casework/letter", context);
        var fileName = "letter-of-request-" + view.shortReference() + "-v" + request.version() + "-" + language.code()
                + ".pdf";
        return new Letter(fileName, pdf(html, language));
    }

    /**
     * The letter telling the requesting State the decision on its request: the outcome, every reason
     * with its ground, the conditions, the part refused, the postponement's end, the other basis of a
     * grant the treaty does not oblige and the consultation held. Only an incoming request's decision,
     * once taken (approved where it needed a second approval), is told so.
     *
     * @throws NotFound when the current user may not see the request
     * @throws Conflict {@code not-incoming} for a request this node made, {@code no-decision} while no
     *     decision stands (not yet decided, awaiting its second approval, or closed); a grant stays told while it is
     *     executed
     */
    public Letter decisionLetter(UUID id, @Nullable String lang) {
        var language = LetterLanguage.parse(lang);
        var request = casework.get(id);
        if (request.direction() != Direction.INCOMING) {
            throw new Conflict(
                    "not-incoming", "a decision letter answers a request this node received; this one it made");
        }
        var standing = casework.standingDecision(id);
        if (standing.isEmpty()) {
            throw new Conflict(
                    "no-decision",
                    "the request has no decision standing (it is "
                            + request.state().code()
                            + "); a decision letter is written once the decision is taken and approved");
        }
        var decided = standing.get();
        var view = decisionView(request, decided, language);
        var context = new Context(language.locale(), Map.of("letter", view));
        var html = templates.process("casework/decision-letter", context);
        var fileName = "decision-" + view.shortReference() + "-"
                + decided.decision().outcome() + "-" + language.code() + ".pdf";
        return new Letter(fileName, pdf(html, language));
    }

    /**
     * This node's reference of the request (XA-MLA-2026-000123), the one the other State is asked to
     * quote; a request stored before references existed is named by the start of its id.
     */
    static String ourReference(Request request) {
        return request.reference()
                .orElseGet(() -> request.id().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT));
    }

    DecisionLetterView decisionView(Request request, RequestState.Decided decided, LetterLanguage language) {
        var c = request.content();
        var requesting = c.requestingAuthority();
        var requested = c.requestedAuthority();
        var decision = decided.decision();
        String granted = null;
        String refused = null;
        List<String> conditions = List.of();
        String until = null;
        Decision.OtherBasis otherBasis = null;
        switch (decision) {
            case Decision.Grant g -> otherBasis = g.otherBasis();
            case Decision.GrantWithConditions g -> {
                conditions = g.conditions().stream().map(Letters::clean).toList();
                otherBasis = g.otherBasis();
            }
            case Decision.PartialGrant p -> {
                granted = clean(p.granted());
                refused = clean(p.refused());
                otherBasis = p.otherBasis();
            }
            case Decision.Postpone p -> until = longDate(p.until(), language);
            case Decision.Refuse r -> {}
        }
        return new DecisionLetterView(
                language.code(),
                language.rightToLeft(),
                request.kind().name(),
                decision.outcome(),
                request.id().toString(),
                ourReference(request),
                clean(request.correspondence().counterpartReference()),
                longDate(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), language),
                longDate(LocalDate.ofInstant(decided.decidedAt(), ZoneOffset.UTC), language),
                new LetterView.Party(
                        clean(requested == null ? null : requested.name()),
                        stateName(requested == null ? null : requested.state(), language)),
                new LetterView.Party(
                        clean(requesting == null ? null : requesting.name()),
                        stateName(requesting == null ? null : requesting.state(), language)),
                instrumentName(c.legalBasis()),
                c.offences().stream().map(Letters::conduct).toList(),
                granted,
                refused,
                conditions,
                decision.reasons().stream()
                        .map(r -> new DecisionLetterView.ReasonLine(
                                r.ground() == null ? null : r.ground().name(),
                                java.util.Objects.requireNonNullElse(clean(r.explanation()), "")))
                        .toList(),
                until,
                otherBasis == null || otherBasis.kind() == null
                        ? null
                        : new DecisionLetterView.BasisLine(
                                otherBasis.kind().name(),
                                instrumentName(otherBasis.instrument()),
                                java.util.Objects.requireNonNullElse(clean(otherBasis.explanation()), "")),
                consultations(request, decided, language));
    }

    /**
     * The consultations held before the decision. A refusal and a postponement keep them whole; a grant
     * in part does not, so they come from the audit trail (when and with whom, not what was said).
     */
    private List<DecisionLetterView.ConsultationLine> consultations(
            Request request, RequestState.Decided decided, LetterLanguage language) {
        List<Consultation> kept = switch (decided) {
            case RequestState.Refused r -> r.consultations();
            case RequestState.Postponed p -> p.consultations();
            case RequestState.Granted g -> List.of();
        };
        if (!kept.isEmpty()) {
            return kept.stream()
                    .map(k -> new DecisionLetterView.ConsultationLine(
                            longDate(LocalDate.ofInstant(k.at(), ZoneOffset.UTC), language),
                            java.util.Objects.requireNonNullElse(clean(k.with()), ""),
                            clean(k.summary())))
                    .toList();
        }
        if (!decided.decision().needsConsultation()) {
            return List.of();
        }
        return casework.auditTrail(request.id()).stream()
                .filter(e -> !e.at().isAfter(decided.decidedAt()))
                .flatMap(e -> e.actions() == null
                        ? java.util.stream.Stream.empty()
                        : e.actions().stream()
                                .filter(a -> a.code().equals(AuditAction.Kind.RECORDED_CONSULTATION.code())
                                        && !a.args().isEmpty())
                                .map(a -> new DecisionLetterView.ConsultationLine(
                                        longDate(LocalDate.ofInstant(e.at(), ZoneOffset.UTC), language),
                                        java.util.Objects.requireNonNullElse(
                                                clean(a.args().getFirst()), ""),
                                        null)))
                .toList();
    }

    /** A date as the reader writes it: 30 September 2099, 30 septembre 2099, ٣٠ سبتمبر ٢٠٩٩. */
    private static String longDate(LocalDate date, LetterLanguage language) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale()));
    }

    private byte[] pdf(String html, LetterLanguage language) {
        var out = new ByteArrayOutputStream(64 * 1024);
        var builder = new PdfRendererBuilder()
                .useFastMode()
                .usePdfUaAccessibility(true)
                .usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_U)
                .useColorProfile(colourProfile)
                .useFont(() -> new ByteArrayInputStream(regular), FONT, 400, FontStyle.NORMAL, true)
                .useFont(() -> new ByteArrayInputStream(bold), FONT, 700, FontStyle.NORMAL, true)
                // Nothing in a letter is fetched: no images, no style sheets, no fonts from elsewhere.
                .useExternalResourceAccessControl(
                        (uri, type) -> false,
                        com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .withProducer("Comity")
                .withHtmlContent(html, null)
                .toStream(out);
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory())
                .useUnicodeBidiReorderer(new ICUBidiReorderer())
                .useUnicodeLineBreaker(new ICUBreakers.ICULineBreaker(language.locale()))
                .defaultTextDirection(language.rightToLeft() ? TextDirection.RTL : TextDirection.LTR);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    LetterView view(Request request, LetterLanguage language) {
        var c = request.content();
        var locale = language.locale();
        var requesting = c.requestingAuthority();
        var requested = c.requestedAuthority();
        var data = c.dataSought();
        var urgency = c.urgency();
        var safeguards = c.safeguards();
        var confidentiality = c.confidentiality();
        var conditions = c.conditions();
        return new LetterView(
                language.code(),
                language.rightToLeft(),
                request.kind().name(),
                request.state() instanceof RequestState.Draft
                        || request.state() instanceof RequestState.AwaitingSendApproval,
                request.id().toString(),
                ourReference(request),
                clean(request.correspondence().counterpartReference()),
                request.version(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                .withLocale(locale)),
                new LetterView.Party(
                        clean(requesting == null ? null : requesting.name()),
                        stateName(requesting == null ? null : requesting.state(), language)),
                new LetterView.Party(
                        clean(requested == null ? null : requested.name()),
                        stateName(requested == null ? null : requested.state(), language)),
                legalBasis(c.legalBasis(), request.kind()),
                c.offences().stream()
                        .map(o -> new LetterView.OffenceLine(
                                clean(o.domesticProvision()), conduct(o), o.maximumPenaltyMonths()))
                        .toList(),
                clean(c.summaryOfFacts()),
                c.subjects().stream().map(s -> subject(s, language)).toList(),
                data == null
                        ? null
                        : new LetterView.DataLine(
                                data.categories().stream()
                                        .sorted()
                                        .map(Enum::name)
                                        .toList(),
                                moment(data.from()),
                                moment(data.to()),
                                clean(data.provider()),
                                data.allData(),
                                data.unidentifiedAccounts()),
                clean(c.purpose()),
                c.urgencyLevel().name(),
                clean(urgency == null ? null : urgency.imminentRisk()),
                request.kind().coercive(),
                safeguards == null
                        ? null
                        : new LetterView.SafeguardsLine(
                                clean(safeguards.authorisingBody()),
                                safeguards.judicialOrIndependent(),
                                clean(safeguards.legalGrounds()),
                                clean(safeguards.proportionality()),
                                safeguards.durationDays()),
                c.compelled().stream().sorted().map(Enum::name).toList(),
                c.deathPenaltyAssurances(),
                confidentiality != null && confidentiality.required(),
                confidentiality == null || confidentiality.endsOn() == null
                        ? null
                        : confidentiality
                                .endsOn()
                                .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                        .withLocale(locale)),
                conditions == null
                        ? null
                        : new LetterView.ConditionsLine(
                                conditions.speciality(),
                                conditions.onwardTransferNeedsConsent(),
                                clean(conditions.other()),
                                conditions.onwardTransferTo().stream()
                                        .map(s -> stateName(s, language))
                                        .toList()),
                contacts(requesting == null ? null : requesting.state()));
    }

    private LetterView.SubjectLine subject(RequestContent.Subject s, LetterLanguage language) {
        return new LetterView.SubjectLine(
                s.role() == null ? null : s.role().name(),
                clean(s.name()),
                stateName(s.nationality(), language),
                clean(s.location()),
                s.identifiers().stream()
                        .map(i -> new LetterView.IdentifierLine(
                                i.type() == null ? null : i.type().name(),
                                clean(i.value()),
                                observed(i.observedAt(), i.timeZone())))
                        .toList());
    }

    /** The moment in UTC and, when the request gives a valid zone, as read there. */
    private static @Nullable String observed(@Nullable Instant at, @Nullable String zone) {
        if (at == null) {
            return clean(zone);
        }
        var utc = moment(at);
        if (zone == null || zone.isBlank()) {
            return utc;
        }
        try {
            return utc + " (" + MOMENT.format(at.atZone(ZoneId.of(zone.strip()))) + " " + zone.strip() + ")";
        } catch (DateTimeException e) {
            return utc + " (" + clean(zone) + ")";
        }
    }

    private static @Nullable String moment(@Nullable Instant at) {
        return at == null ? null : MOMENT.format(at.atZone(ZoneOffset.UTC)) + " UTC";
    }

    private LetterView.LegalBasis legalBasis(@Nullable String instrument, KindOfAssistance kind) {
        if (instrument == null || instrument.isBlank()) {
            return new LetterView.LegalBasis(null, null, null);
        }
        var name = instrumentName(instrument);
        var citation = articles.get(instrument + "/" + kind.name());
        // The article without the registry id ("44", "40(4)"): the instrument is named beside it.
        return new LetterView.LegalBasis(
                name,
                citation == null
                        ? null
                        : citation.article()
                                + citation.paragraph().map(p -> "(" + p + ")").orElse(""),
                citation == null ? null : citation.heading());
    }

    /**
     * The registry's short name, which already carries the instrument's official number where it has
     * one ("Budapest Convention (ETS No. 185)"); the registry id is for machines, not for the reader.
     */
    private @Nullable String instrumentName(@Nullable String instrument) {
        if (instrument == null || instrument.isBlank()) {
            return null;
        }
        try {
            return treaties.instrument(instrument.strip()).shortName();
        } catch (NotFound e) {
            return clean(instrument);
        }
    }

    private static List<String> conduct(RequestContent.Offence offence) {
        return offence.conductCategories().stream()
                .map(ConductCode::value)
                .sorted()
                .toList();
    }

    private @Nullable String stateName(@Nullable CountryCode code, LetterLanguage language) {
        return code == null ? null : stateNames.label(code, language.locale());
    }

    private List<LetterView.ContactLine> contacts(@Nullable CountryCode requesting) {
        if (requesting == null) {
            return List.of();
        }
        var profile = jurisdictions.profile(requesting);
        if (profile.isEmpty()) {
            return List.of();
        }
        return java.util.stream.Stream.of(AuthorityRole.CENTRAL_AUTHORITY, AuthorityRole.POINT_OF_CONTACT_24_7)
                .map(role -> profile.get().authority(role))
                .flatMap(Optional::stream)
                .map(a -> new LetterView.ContactLine(
                        a.role().code(),
                        clean(a.name()),
                        a.channels().stream()
                                .map(ch -> ch.kind().name().toLowerCase(java.util.Locale.ROOT) + ": "
                                        + clean(ch.address()))
                                .toList()))
                .toList();
    }

    /**
     * User text without the characters XML cannot carry (the renderer parses the page as XHTML); the
     * template escapes the rest.
     */
    static @Nullable String clean(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var out = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> cp == '\t'
                        || cp == '\n'
                        || cp == '\r'
                        || (cp >= 0x20 && cp <= 0xD7FF)
                        || (cp >= 0xE000 && cp <= 0xFFFD)
                        || cp >= 0x10000)
                .forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    private void loadArticles() {
        JsonNode root;
        try (var in = new ClassPathResource("casework/letter-articles.yaml").getInputStream()) {
            root = YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode entry : root.values()) {
            var instrument = entry.path("instrument").asString();
            var citation = treaties.cite(
                    instrument,
                    entry.path("article").asString(),
                    Optional.ofNullable(entry.path("paragraph").asString(null)));
            for (JsonNode kind : entry.path("kinds").values()) {
                var key = instrument + "/"
                        + KindOfAssistance.valueOf(kind.asString()).name();
                if (articles.put(key, citation) != null) {
                    throw new IllegalStateException("letter article listed twice: " + key);
                }
            }
        }
    }

    private static byte[] resource(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
