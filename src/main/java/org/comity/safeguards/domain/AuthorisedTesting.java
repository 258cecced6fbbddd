package org.comity.safeguards.domain;

import java.util.List;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.ProtectedRole;
import org.comity.safeguards.Severity;

/**
 * Access, interception and interference offences cover only conduct "without right"; for the device
 * offence the Convention also says it imposes no liability for tools used in authorised testing or
 * protection of a system (it does not forbid States to criminalise more). Security research is the
 * conduct most often caught by these offences. Whether good-faith research counts as "with right" is
 * the requested State's law and policy, not the treaty's.
 */
final class AuthorisedTesting implements Rule {

    static final ConductCode DEVICES = new ConductCode("misuse-of-devices");

    /** The conduct categories whose offences carry the "without right" element (devices: also the carve-out). */
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
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("without-right"));
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
                boolean devices =
                        relevant.stream().anyMatch(o -> o.charged().conduct().contains(DEVICES));
                findings.add(
                        this,
                        Severity.GROUND,
                        context.treaty("without-right"),
                        devices ? List.of("without-right", "authorised-testing") : List.of("without-right"),
                        Findings.message(
                                "authorised-testing.indications",
                                "subject",
                                i + 1,
                                "offences",
                                relevant.stream().map(ChargedView::label).toList(),
                                "devices",
                                devices ? "yes" : "no",
                                "instrument",
                                context.instrumentWord()),
                        List.of(Words.subject(i) + ".authorisedTesting"));
            } else if (researcher) {
                var missing = relevant.stream()
                        .filter(o -> o.charged().withoutRightBasis() == null
                                || o.charged().withoutRightBasis().isBlank())
                        .toList();
                if (!missing.isEmpty()) {
                    findings.add(
                            this,
                            Severity.CONCERN,
                            context.treaty("without-right"),
                            List.of("without-right"),
                            Findings.message(
                                    "authorised-testing.basis-unstated",
                                    "subject",
                                    i + 1,
                                    "offences",
                                    missing.stream().map(ChargedView::label).toList()),
                            missing.stream()
                                    .map(o -> o.field("withoutRightBasis"))
                                    .toList());
                }
            }
        }
    }
}
