package org.comity.safeguards.domain;

import java.util.List;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.ProtectedRole;
import org.comity.safeguards.Severity;

/**
 * Access, interception, interference and device offences require conduct "without right", and the
 * Convention excludes liability for authorised testing or protection of a system. Security research
 * is the conduct most often caught by these offences.
 */
final class AuthorisedTesting implements Rule {

    /** The conduct categories whose offences carry the "without right" element and the testing carve-out. */
    static final Set<ConductCode> WITHOUT_RIGHT = Set.of(
            new ConductCode("illegal-access"),
            new ConductCode("illegal-interception"),
            new ConductCode("data-interference"),
            new ConductCode("system-interference"),
            new ConductCode("misuse-of-devices"));

    @Override
    public String id() {
        return "authorised-testing";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var relevant = context.offences().stream()
                .filter(o -> o.charged().conduct().stream().anyMatch(WITHOUT_RIGHT::contains))
                .toList();
        if (relevant.isEmpty()) {
            return;
        }
        var subjects = context.input().subjects();
        for (int i = 0; i < subjects.size(); i++) {
            var s = subjects.get(i);
            boolean researcher = s.protectedRoles().contains(ProtectedRole.SECURITY_RESEARCHER);
            if (s.authorisedTesting()) {
                findings.add(
                        this,
                        Severity.GROUND,
                        List.of("authorised-testing"),
                        "There are indications that " + Words.subject(i) + " acted in authorised testing or"
                                + " protection of a system (" + Words.subject(i) + ".authorisedTesting), for which"
                                + " the Convention excludes criminal liability; the offences charged ("
                                + Words.and(relevant.stream()
                                        .map(ChargedView::label)
                                        .toList())
                                + ") require conduct without right.",
                        List.of(Words.subject(i) + ".authorisedTesting"),
                        "Ask the requesting State to show why the conduct was without right despite the"
                                + " authorisation or disclosure; refuse if it cannot.");
            } else if (researcher) {
                var missing = relevant.stream()
                        .filter(o -> o.charged().withoutRightBasis() == null
                                || o.charged().withoutRightBasis().isBlank())
                        .toList();
                if (!missing.isEmpty()) {
                    findings.add(
                            this,
                            Severity.CONCERN,
                            List.of("authorised-testing"),
                            Words.subject(i) + " is a security researcher and the request does not say why the"
                                    + " conduct was without right ("
                                    + Words.and(missing.stream()
                                            .map(o -> o.field("withoutRightBasis"))
                                            .toList())
                                    + ").",
                            missing.stream()
                                    .map(o -> o.field("withoutRightBasis"))
                                    .toList(),
                            "The requesting State must state the basis on which the conduct was without right"
                                    + " (no authorisation, no good-faith research or disclosure).");
                }
            }
        }
    }
}
