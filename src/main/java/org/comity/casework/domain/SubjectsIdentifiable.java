package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * Each subject has a role and something that identifies it; each identifier has a type and a value,
 * and an IP address carries the moment it was observed and a valid time zone, without which a provider
 * cannot find the subscriber.
 */
final class SubjectsIdentifiable implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        for (int i = 0; i < content.subjects().size(); i++) {
            var subject = content.subjects().get(i);
            var field = "content.subjects[" + i + "]";
            if (subject.role() == null) {
                problems.add(new Violation(field + ".role", "subject-role-required", "say who this subject is"));
            }
            if (blank(subject.name()) && subject.identifiers().isEmpty()) {
                problems.add(new Violation(
                        field, "subject-unidentified", "give a name or at least one identifier for the subject"));
            }
            for (int j = 0; j < subject.identifiers().size(); j++) {
                identifier(
                        problems,
                        field + ".identifiers[" + j + "]",
                        subject.identifiers().get(j));
            }
        }
        return problems;
    }

    private static void identifier(List<Violation> problems, String field, RequestContent.Identifier identifier) {
        if (identifier.type() == null) {
            problems.add(new Violation(field + ".type", "identifier-type-required", "say what kind of identifier"));
        }
        if (blank(identifier.value())) {
            problems.add(new Violation(field + ".value", "identifier-value-required", "give the identifier"));
        }
        if (identifier.type() == RequestContent.Identifier.Type.IP_ADDRESS) {
            if (identifier.observedAt() == null) {
                problems.add(new Violation(
                        field + ".observedAt",
                        "ip-timestamp-required",
                        "an IP address needs the date and time it was observed"));
            }
            if (!validZone(identifier.timeZone())) {
                problems.add(new Violation(
                        field + ".timeZone",
                        "ip-time-zone-required",
                        "an IP address needs the time zone of its timestamp (such as UTC or Europe/Paris)"));
            }
        }
    }

    private static boolean validZone(String zone) {
        if (blank(zone)) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
