package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.LocalDate;
import java.util.List;
import org.comity.casework.domain.RequestContent.Subject.Role;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/** An extradition request is about a named person sought, suspected or accused, with a known location. */
final class ExtraditionNamesThePerson implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        if (!kind.surrender()) {
            return List.of();
        }
        boolean named = content.subjects().stream()
                .anyMatch(s -> (s.role() == Role.SUSPECT || s.role() == Role.ACCUSED)
                        && !blank(s.name())
                        && !blank(s.location()));
        return named
                ? List.of()
                : List.of(new Violation(
                        "content.subjects",
                        "person-sought-required",
                        "name the person sought (suspect or accused) and where they are believed to be"));
    }
}
