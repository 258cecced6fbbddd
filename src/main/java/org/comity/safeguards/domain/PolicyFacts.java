package org.comity.safeguards.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.ProtectedRole;
import org.comity.treaty.Answer;

/**
 * The request as policy-pack conditions see it: one variable {@code request}, a map of plain values
 * (strings in kebab case, booleans, integers, lists and maps), documented in docs/safeguards.md. Built
 * once per assessment, only when the pack has rules.
 */
public final class PolicyFacts {

    private PolicyFacts() {}

    public static Map<String, Object> of(Context context) {
        var input = context.input();
        var request = new LinkedHashMap<String, Object>();
        request.put("kind", input.measure().code());
        request.put("direction", kebab(input.direction().name()));
        request.put("requesting", input.requesting().value());
        request.put("requested", input.requested().value());
        request.put("coercive", input.measure().coercive());
        request.put("evidence", input.measure().evidence());
        request.put("emergency", input.emergency().declared());
        request.put("imminent_risk_stated", input.emergency().imminentRiskStated());
        request.put("legal_basis", input.legalBasis() == null ? "" : input.legalBasis());
        request.put("legal_basis_answer", legalBasisAnswer(context).name().toLowerCase(java.util.Locale.ROOT));
        var offences = new ArrayList<Object>();
        long max = -1;
        boolean death = false;
        for (ChargedView o : context.offences()) {
            var offence = new LinkedHashMap<String, Object>();
            offence.put(
                    "provision",
                    o.charged().provision() == null ? "" : o.charged().provision());
            offence.put(
                    "conduct",
                    o.charged().conduct().stream()
                            .map(ConductCode::value)
                            .sorted()
                            .toList());
            offence.put("max_months", o.maximumMonths());
            offence.put("death_penalty", o.deathPenalty());
            offence.put(
                    "flags", o.flags().stream().map(OffenceFlag::code).sorted().toList());
            offence.put("convention", o.convention());
            offences.add(offence);
            max = Math.max(max, o.maximumMonths());
            death |= o.deathPenalty();
        }
        request.put("offences", offences);
        request.put("max_months", max);
        request.put("death_penalty", death);
        request.put("death_penalty_assurances", input.deathPenaltyAssurances());
        var subjects = new ArrayList<Object>();
        for (AssessmentInput.Subject s : input.subjects()) {
            var subject = new LinkedHashMap<String, Object>();
            subject.put("role", s.role() == null ? "" : kebab(s.role().name()));
            subject.put("identified", s.identified());
            subject.put(
                    "nationality",
                    s.nationality() == null ? "" : s.nationality().value());
            subject.put(
                    "protected_roles",
                    s.protectedRoles().stream()
                            .map(ProtectedRole::name)
                            .map(PolicyFacts::kebab)
                            .sorted()
                            .toList());
            subject.put(
                    "characteristics",
                    s.characteristics().stream()
                            .map(Characteristic::code)
                            .sorted()
                            .toList());
            subject.put("authorised_testing", s.authorisedTesting());
            subjects.add(subject);
        }
        request.put("subjects", subjects);
        var data = new LinkedHashMap<String, Object>();
        var sought = input.data();
        data.put(
                "categories",
                sought == null
                        ? List.of()
                        : sought.categories().stream()
                                .map(c -> kebab(c.name()))
                                .sorted()
                                .toList());
        data.put("all_data", sought != null && sought.allData());
        data.put("unidentified_accounts", sought != null && sought.unidentifiedAccounts());
        data.put(
                "period_days",
                sought == null || sought.from() == null || sought.to() == null
                        ? -1L
                        : Duration.between(sought.from(), sought.to()).toDays());
        request.put("data", data);
        // What the request states of the measure's conditions, so a pack can require what its law does.
        var stated = input.conditions();
        var conditions = new LinkedHashMap<String, Object>();
        conditions.put("stated", stated != null);
        conditions.put("authorising_body", stated != null && stated.authorisingBody());
        conditions.put("judicial_or_independent", stated != null && stated.judicialOrIndependent());
        conditions.put("legal_grounds", stated != null && stated.legalGrounds());
        conditions.put("proportionality", stated != null && stated.proportionality());
        conditions.put(
                "duration_days", stated == null || stated.durationDays() == null ? -1L : (long) stated.durationDays());
        request.put("conditions", conditions);
        request.put(
                "compelled",
                input.compelled().stream()
                        .map(CompelledAssistance::name)
                        .map(PolicyFacts::kebab)
                        .sorted()
                        .toList());
        request.put(
                "matters",
                input.matters().stream()
                        .map(AssessmentInput.Matter::name)
                        .map(PolicyFacts::kebab)
                        .sorted()
                        .toList());
        return Map.of("request", request);
    }

    static Answer legalBasisAnswer(Context context) {
        var named = context.input().legalBasis();
        return context.legalBasis().instruments().stream()
                .filter(o -> o.instrument().equals(named))
                .map(o -> o.answer())
                .findFirst()
                .orElse(Answer.NO);
    }

    private static String kebab(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
