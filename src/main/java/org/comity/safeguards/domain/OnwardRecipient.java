package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.ReviewerFacts;
import org.comity.safeguards.Severity;

/**
 * What is provided for criminal proceedings may be used for them only (speciality): a security or
 * intelligence service receiving it is a use the request does not state, and one that escapes the
 * criminal procedure's safeguards. A ground, the treaty's; law enforcement receiving it is the case the
 * treaty foresees, and says nothing.
 */
final class OnwardRecipient implements Rule {

    @Override
    public String id() {
        return "onward-recipient";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("speciality"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        if (input.reviewerFacts().onwardRecipient() != ReviewerFacts.OnwardRecipient.SECURITY_OR_INTELLIGENCE_SERVICE
                || input.measure().unrequested()) {
            return;
        }
        findings.add(
                this,
                Severity.GROUND,
                context.treaty("speciality"),
                List.of("speciality", "data-protection"),
                Findings.message(
                        "onward-recipient.security-service",
                        "requesting",
                        context.requesting(),
                        "state",
                        context.requested(),
                        "instrument",
                        context.instrumentWord()),
                List.of("reviewer.onwardRecipient"));
    }
}
