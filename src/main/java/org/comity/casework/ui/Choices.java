package org.comity.casework.ui;

import org.comity.casework.domain.RequestContent;
import org.comity.jurisdiction.ConductEntry;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.ProtectedRole;
import org.comity.treaty.DataCategory;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The options the content forms offer beyond the core items: the conduct vocabulary of the
 * jurisdiction module (the Convention's categories in the order of its articles, then the others),
 * what safeguards read about subjects and the request, and the bounds on the lists.
 */
@Component
class Choices {

    private final Jurisdictions jurisdictions;
    private final org.comity.casework.CaseworkProperties properties;
    private final org.comity.treaty.Treaties treaties;

    Choices(
            Jurisdictions jurisdictions,
            org.comity.casework.CaseworkProperties properties,
            org.comity.treaty.Treaties treaties) {
        this.jurisdictions = jurisdictions;
        this.properties = properties;
        this.treaties = treaties;
    }

    /**
     * How long after an event the sealed record behind its public log entry may be opened, unless the
     * request's confidentiality ends earlier: what the drafting pages tell about the public log.
     */
    void addDisclosureTo(Model model) {
        model.addAttribute("disclosureAfter", properties.disclosureAfter());
    }

    void addTo(Model model) {
        var conduct = jurisdictions.conductVocabulary();
        model.addAttribute(
                "conventionConduct",
                conduct.stream().filter(ConductEntry::convention).toList());
        model.addAttribute(
                "otherConduct", conduct.stream().filter(e -> !e.convention()).toList());
        model.addAttribute("subjectRoles", RequestContent.Subject.Role.values());
        model.addAttribute("identifierTypes", RequestContent.Identifier.Type.values());
        model.addAttribute("dataCategories", DataCategory.values());
        model.addAttribute("urgencies", RequestContent.Urgency.Level.values());
        model.addAttribute("protectedRoles", ProtectedRole.values());
        model.addAttribute("characteristics", Characteristic.values());
        model.addAttribute("compelledOptions", CompelledAssistance.values());
        model.addAttribute("matterOptions", Matter.values());
        model.addAttribute("outcomes", RequestContent.PriorProceeding.Outcome.values());
        model.addAttribute("maxOffences", OffenceForm.MAX_OFFENCES);
        model.addAttribute("maxSubjects", SubjectsForm.MAX_SUBJECTS);
        model.addAttribute("maxIdentifiers", SubjectsForm.MAX_IDENTIFIERS);
        model.addAttribute("maxPrior", SubjectsForm.MAX_PRIOR_PROCEEDINGS);
        addDisclosureTo(model);
        // Pickers: States by their registry name in the reader's language (the code is what is posted),
        // instruments of the catalogue by name; a value outside them is kept as its own option.
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        // Fictional States last, when the node accepts them (training, tests), as the treaty pages list them.
        var states = new java.util.ArrayList<>(treaties.states(locale));
        states.addAll(treaties.fictionalStates());
        model.addAttribute("registryStates", states);
        model.addAttribute(
                "registryCodes", states.stream().map(r -> r.code().value()).toList());
        model.addAttribute("instruments", treaties.instruments());
    }
}
