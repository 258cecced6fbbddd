package org.comity.casework.ui;

import org.comity.casework.domain.RequestContent;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.ProtectedRole;
import org.springframework.ui.Model;

/**
 * The options the content forms offer beyond the core items: what safeguards read about subjects and
 * the request, and the bounds on the lists. The conduct vocabulary comes from the jurisdiction module,
 * in the templates ({@code casework/fields.html}).
 */
final class Choices {

    private Choices() {}

    static void addTo(Model model) {
        model.addAttribute("subjectRoles", RequestContent.Subject.Role.values());
        model.addAttribute("identifierTypes", RequestContent.Identifier.Type.values());
        model.addAttribute("dataCategories", RequestContent.DataCategory.values());
        model.addAttribute("urgencies", RequestContent.Urgency.Level.values());
        model.addAttribute("protectedRoles", ProtectedRole.values());
        model.addAttribute("characteristics", Characteristic.values());
        model.addAttribute("compelledOptions", CompelledAssistance.values());
        model.addAttribute("matterOptions", Matter.values());
        model.addAttribute("outcomes", RequestContent.PriorProceeding.Outcome.values());
        model.addAttribute("maxOffences", ContentForm.MAX_OFFENCES);
        model.addAttribute("maxSubjects", ContentForm.MAX_SUBJECTS);
        model.addAttribute("maxIdentifiers", ContentForm.MAX_IDENTIFIERS);
        model.addAttribute("maxPrior", ContentForm.MAX_PRIOR_PROCEEDINGS);
    }
}
