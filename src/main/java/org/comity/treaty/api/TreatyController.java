package org.comity.treaty.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.Citation;
import org.comity.treaty.DecisionOutcome;
import org.comity.treaty.DecisionRule;
import org.comity.treaty.ImportResult;
import org.comity.treaty.InForce;
import org.comity.treaty.Instrument;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.NewCorrection;
import org.comity.treaty.NewReservation;
import org.comity.treaty.NewTreatyAction;
import org.comity.treaty.NewWithdrawal;
import org.comity.treaty.Progress;
import org.comity.treaty.RegisteredState;
import org.comity.treaty.Reservation;
import org.comity.treaty.Treaties;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.VoteTally;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/treaty")
@Tag(
        name = "Treaty registry",
        description = "Instruments, articles, States, treaty actions, reservations, entry into force, legal basis,"
                + " treaty-body decisions. Status and legal-basis reads are public.")
class TreatyController {

    private final Treaties treaties;

    TreatyController(Treaties treaties) {
        this.treaties = treaties;
    }

    @GetMapping("/instruments")
    @Operation(summary = "Instruments with their rules' citations and articles catalogue (public)")
    List<Instrument> instruments() {
        return treaties.instruments();
    }

    @GetMapping("/instruments/{id}")
    @Operation(summary = "One instrument (public)")
    Instrument instrument(@PathVariable String id) {
        return treaties.instrument(id);
    }

    @GetMapping("/instruments/{id}/articles/{article}")
    @Operation(summary = "Resolve a citation through the catalogue; 404 for an article or paragraph it does not list")
    Citation cite(
            @PathVariable String id,
            @PathVariable String article,
            @Parameter(description = "paragraph id such as 1, 1(c) or o") @RequestParam Optional<String> paragraph) {
        return treaties.cite(id, article, paragraph);
    }

    @GetMapping("/states")
    @Operation(
            summary = "UN member and observer States and REIOs, with ISO codes and English and French names (public)")
    List<RegisteredState> states() {
        return treaties.states();
    }

    @GetMapping("/status")
    @Operation(summary = "Is an instrument in force for a State on a date (default today, UTC), with reasons (public)")
    InForce status(
            @RequestParam String instrument,
            @RequestParam String state,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> date) {
        return treaties.inForce(instrument, code("state", state), date)
                .localised(treaties.reasonsIn(LocaleContextHolder.getLocale()));
    }

    @GetMapping("/legal-basis")
    @Operation(
            summary = "Which instruments give a legal basis between two States on a date, with reasons, citations and"
                    + " the reservations that limit them (public)")
    LegalBasis legalBasis(
            @RequestParam String a,
            @RequestParam String b,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> date) {
        var violations = new java.util.ArrayList<Violation>();
        var first = parse("a", a, violations);
        var second = parse("b", b, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return treaties.legalBasis(first, second, date).localised(treaties.reasonsIn(LocaleContextHolder.getLocale()));
    }

    @GetMapping("/progress/{instrument}")
    @Operation(
            summary = "How far an instrument is from entry into force, counting only instruments that count (public)")
    Progress progress(
            @PathVariable String instrument,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> date) {
        return treaties.progress(instrument, date).localised(treaties.reasonsIn(LocaleContextHolder.getLocale()));
    }

    @GetMapping("/actions")
    @Operation(summary = "Treaty actions, shipped and added, each with its source and as-of date")
    List<TreatyAction> actions(@RequestParam Optional<String> instrument, @RequestParam Optional<String> party) {
        return treaties.actions(instrument, party.map(p -> code("party", p)));
    }

    @PostMapping("/actions")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a treaty action (administrators); audited")
    TreatyAction record(@RequestBody NewTreatyAction body, Principal principal) {
        return treaties.record(body, principal.getName(), "api");
    }

    @PostMapping("/actions/withdrawals")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Withdraw a wrong treaty-action record (administrators); audited. An added record is named by"
                    + " its id, a shipped one by instrument, party, action, date and standing. The record stays"
                    + " listed, marked withdrawn; no answer counts it. 404 unknown record, 409 already withdrawn")
    Treaties.Withdrawn withdraw(@RequestBody NewWithdrawal body, Principal principal) {
        return treaties.withdraw(body, principal.getName(), "api");
    }

    @PostMapping("/actions/corrections")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Correct a wrong treaty-action record (administrators); audited: withdraws it and records the"
                    + " corrected action that supersedes it, all or nothing")
    Treaties.Withdrawn correct(@RequestBody NewCorrection body, Principal principal) {
        return treaties.correct(body, principal.getName(), "api");
    }

    @GetMapping(value = "/actions/export", produces = "text/csv")
    @Operation(summary = "All treaty actions as CSV, in the import format")
    String export() {
        return treaties.exportActions();
    }

    @PostMapping(
            value = "/actions/import",
            consumes = {"text/csv"})
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Import treaty actions from CSV (administrators): all or nothing; every problem listed with its"
                    + " line")
    ImportResult importActions(
            @RequestBody String csv, @RequestParam(defaultValue = "upload.csv") String fileName, Principal principal) {
        return treaties.importActions(csv, fileName, principal.getName(), "api");
    }

    @GetMapping("/reservations")
    @Operation(summary = "Reservations and declarations recorded on this node")
    List<Reservation> reservations() {
        return treaties.reservations();
    }

    @PostMapping("/reservations")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a reservation or declaration (administrators)")
    Reservation recordReservation(@RequestBody NewReservation body, Principal principal) {
        return treaties.recordReservation(body, principal.getName());
    }

    /**
     * @param rule {@code consensus} or {@code qualified-majority}
     * @param majority for a qualified majority, e.g. {@code {numerator: 2, denominator: 3, comparison: AT_LEAST}}
     */
    record DecisionForm(
            String rule,
            DecisionRule.Share majority,
            DecisionRule.Share quorum,
            Integer minimumMembers,
            VoteTally votes) {}

    @PostMapping("/decisions")
    @Operation(summary = "Decision-rule calculator for treaty bodies, with its arithmetic")
    DecisionOutcome decide(@RequestBody DecisionForm form) {
        var violations = new java.util.ArrayList<Violation>();
        if (form.votes() == null) {
            violations.add(new Violation("votes", "required", "give yes, no, abstain and absent counts"));
        }
        int minimum = form.minimumMembers() == null ? 0 : form.minimumMembers();
        if (minimum < 0) {
            violations.add(new Violation("minimumMembers", "negative", "cannot be negative"));
        }
        DecisionRule rule = null;
        if ("consensus".equals(form.rule())) {
            rule = new DecisionRule.Consensus(Optional.ofNullable(form.quorum()), Math.max(0, minimum));
        } else if ("qualified-majority".equals(form.rule())) {
            if (form.majority() == null) {
                violations.add(new Violation("majority", "required", "give the majority as a fraction"));
            } else {
                rule = new DecisionRule.QualifiedMajority(
                        form.majority(), Optional.ofNullable(form.quorum()), Math.max(0, minimum));
            }
        } else {
            violations.add(new Violation("rule", "unknown-rule", "must be consensus or qualified-majority"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return treaties.decide(rule, form.votes());
    }

    private static CountryCode code(String field, String value) {
        try {
            return CountryCode.of(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(field, "format", "must be an ISO 3166-1 alpha-2 code");
        }
    }

    private static CountryCode parse(String field, String value, List<Violation> violations) {
        try {
            return CountryCode.of(value);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "format", "must be an ISO 3166-1 alpha-2 code"));
            return null;
        }
    }
}
