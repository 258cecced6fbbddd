package org.comity.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.safeguards.AssessmentInput;
import org.comity.treaty.DataCategory;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;

/**
 * A request version as the safeguards engine reads it. Offence flags and the death penalty come from the
 * requesting State's own profile; protected roles, characteristics, authorised testing, compelled
 * assistance, prior proceedings and matters come from what the request or the reviewer recorded, and
 * stay empty rather than being guessed. An incomplete prior proceeding (no State, subject or outcome) is
 * left out here and named by the content rules. A request that does not name two different States
 * cannot be assessed at all.
 */
final class SafeguardsInput {

    private SafeguardsInput() {}

    /**
     * The input for the request's current version, or empty when a State is missing (an incoming request
     * registered incomplete).
     *
     * @param today the assessment day: the date an outgoing request is sent on
     */
    /**
     * What the requesting State's own law says about an offence's conduct: the flags of its offences
     * covering that conduct (expression-related, political) and whether any of them carries the death
     * penalty. Read from its jurisdiction profile, so a request need not declare what its law shows.
     */
    record OffenceLaw(java.util.Set<org.comity.jurisdiction.OffenceFlag> flags, boolean deathPenalty) {
        static final OffenceLaw UNKNOWN = new OffenceLaw(java.util.Set.of(), false);
    }

    static Optional<AssessmentInput> of(Request request, LocalDate today) {
        return of(request, today, (state, conduct) -> OffenceLaw.UNKNOWN);
    }

    static Optional<AssessmentInput> of(
            Request request,
            LocalDate today,
            java.util.function.BiFunction<
                            org.comity.shared.CountryCode,
                            java.util.Set<org.comity.jurisdiction.ConductCode>,
                            OffenceLaw>
                    law) {
        var content = request.content();
        var requesting = state(content.requestingAuthority());
        var requested = state(content.requestedAuthority());
        if (requesting == null || requested == null || requesting.equals(requested)) {
            return Optional.empty();
        }
        var incoming = request.direction() == Direction.INCOMING;
        return Optional.of(new AssessmentInput(
                request.id(),
                request.version(),
                incoming ? AssessmentInput.Direction.INCOMING : AssessmentInput.Direction.OUTGOING,
                KindOfAssistance.ofCode(request.kind().code()),
                requesting,
                requested,
                // Incoming: the legal basis must be in force when the request arrived; outgoing: when sent.
                incoming ? day(request.deadline().startedAt()) : today,
                blankToNull(content.legalBasis()),
                content.offences().stream()
                        .map(o -> offence(o, law.apply(requesting, o.conductCategories())))
                        .toList(),
                content.subjects().stream().map(SafeguardsInput::subject).toList(),
                data(content.dataSought()),
                new AssessmentInput.Emergency(
                        content.emergency(),
                        content.urgency() != null && present(content.urgency().imminentRisk())),
                conditions(content.safeguards()),
                content.compelled(),
                content.deathPenaltyAssurances(),
                priorProceedings(content),
                use(content.conditions()),
                content.matters(),
                List.of()));
    }

    private static AssessmentInput.ChargedOffence offence(RequestContent.Offence o, OffenceLaw law) {
        var months = o.maximumPenaltyMonths();
        return new AssessmentInput.ChargedOffence(
                blankToNull(o.domesticProvision()),
                o.conductCategories(),
                months == null || months < 0 || months > 1200 ? null : months,
                law.deathPenalty(),
                law.flags(),
                blankToNull(o.withoutRightBasis()));
    }

    private static AssessmentInput.Subject subject(RequestContent.Subject s) {
        var identifiers = s.identifiers().stream()
                .filter(i -> i.type() != null && present(i.value()))
                .map(i -> i.type().name().toLowerCase(Locale.ROOT).replace('_', '-') + ":"
                        + i.value().strip().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        return new AssessmentInput.Subject(
                s.role() == null
                        ? null
                        : AssessmentInput.Subject.Role.valueOf(s.role().name()),
                present(s.name()) || !identifiers.isEmpty(),
                s.nationality(),
                s.protectedRoles(),
                s.characteristics(),
                identifiers,
                s.authorisedTesting());
    }

    private static AssessmentInput.@Nullable DataSought data(RequestContent.@Nullable DataSought data) {
        if (data == null) {
            return null;
        }
        var categories = data.categories().stream()
                .map(c -> DataCategory.valueOf(c.name()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataCategory.class)));
        Instant from = data.from();
        Instant to = data.to();
        if (from != null && to != null && to.isBefore(from)) {
            // An inverted period bounds nothing; the content rules report it to the caseworker.
            to = null;
        }
        return new AssessmentInput.DataSought(categories, from, to, data.allData(), data.unidentifiedAccounts());
    }

    private static AssessmentInput.@Nullable MeasureConditions conditions(
            RequestContent.@Nullable MeasureSafeguards safeguards) {
        if (safeguards == null) {
            return null;
        }
        var duration = safeguards.durationDays();
        return new AssessmentInput.MeasureConditions(
                present(safeguards.authorisingBody()),
                safeguards.judicialOrIndependent(),
                present(safeguards.legalGrounds()),
                present(safeguards.proportionality()),
                duration == null || duration <= 0 ? null : duration);
    }

    private static AssessmentInput.@Nullable UseConditions use(RequestContent.@Nullable UseConditions conditions) {
        return conditions == null
                ? null
                : new AssessmentInput.UseConditions(
                        conditions.speciality(),
                        conditions.onwardTransferNeedsConsent(),
                        conditions.onwardTransferTo());
    }

    private static List<AssessmentInput.PriorProceeding> priorProceedings(RequestContent content) {
        return content.priorProceedings().stream()
                .filter(p -> p.state() != null
                        && p.outcome() != null
                        && p.subject() != null
                        && p.subject() >= 0
                        && p.subject() < content.subjects().size())
                .map(p -> new AssessmentInput.PriorProceeding(
                        p.state(),
                        p.subject(),
                        p.conduct(),
                        AssessmentInput.PriorProceeding.Outcome.valueOf(
                                p.outcome().name())))
                .toList();
    }

    private static org.comity.shared.@Nullable CountryCode state(RequestContent.@Nullable Authority authority) {
        return authority == null ? null : authority.state();
    }

    private static boolean present(@Nullable String text) {
        return text != null && !text.isBlank();
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return present(text) ? text.strip() : null;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
