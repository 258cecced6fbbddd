package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * What every request must contain (domain.md §4.1): both authorities and their States, the legal
 * basis, a summary of the facts and the purpose. Spontaneous information has no requested authority
 * asking for anything, so it needs no purpose.
 */
final class RequiredContents implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        authority(problems, "content.requestingAuthority", content.requestingAuthority());
        authority(problems, "content.requestedAuthority", content.requestedAuthority());
        if (content.requestingAuthority() != null
                && content.requestedAuthority() != null
                && content.requestingAuthority().state() != null
                && content.requestingAuthority()
                        .state()
                        .equals(content.requestedAuthority().state())) {
            problems.add(new Violation(
                    "content.requestedAuthority.state",
                    "same-state",
                    "the requested State must differ from the requesting State"));
        }
        if (blank(content.legalBasis())) {
            problems.add(new Violation(
                    "content.legalBasis", "legal-basis-required", "name the instrument the request is based on"));
        }
        if (blank(content.summaryOfFacts())) {
            problems.add(new Violation("content.summaryOfFacts", "facts-required", "summarise the relevant facts"));
        }
        if (!kind.unrequested() && blank(content.purpose())) {
            problems.add(new Violation(
                    "content.purpose", "purpose-required", "say for what purpose the assistance is sought"));
        }
        return problems;
    }

    private static void authority(List<Violation> problems, String field, RequestContent.Authority authority) {
        if (authority == null || blank(authority.name())) {
            problems.add(new Violation(field + ".name", "authority-required", "name the authority"));
        }
        if (authority == null || authority.state() == null) {
            problems.add(new Violation(field + ".state", "state-required", "give the authority's State"));
        }
    }
}
