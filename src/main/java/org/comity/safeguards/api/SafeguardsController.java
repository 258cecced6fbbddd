package org.comity.safeguards.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.PolicyPackAdministration;
import org.comity.safeguards.PolicyPackImportAttempt;
import org.comity.safeguards.PolicyPackVersion;
import org.comity.safeguards.Replay;
import org.comity.safeguards.Safeguards;
import org.comity.safeguards.StoredAssessment;
import org.comity.safeguards.WhatIf;
import org.comity.shared.CountryCode;
import org.comity.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Try an input (what-if), read stored assessments with their findings, replay one. A stored assessment
 * is shown only to a user who may see its request.
 */
@RestController
@RequestMapping("/api/safeguards")
@Tag(name = "Safeguards", description = "Deterministic, explainable assessments of request versions")
class SafeguardsController {

    private static final String READERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')";
    private static final String WORKERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')";

    private final Safeguards safeguards;
    private final PolicyPackAdministration packs;

    SafeguardsController(Safeguards safeguards, PolicyPackAdministration packs) {
        this.safeguards = safeguards;
        this.packs = packs;
    }

    private static final String PACK_READERS =
            "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR', 'ADMIN')";

    /**
     * One policy pack version as shown to users: which rules it adds, the thresholds it sets, where it
     * came from and whether it is the State's current version.
     */
    record PackView(
            String id,
            String state,
            int version,
            String fingerprint,
            List<String> rules,
            String label,
            boolean current,
            String thresholds,
            String source,
            String sha256,
            @Nullable String importedBy,
            @Nullable Instant importedAt) {

        static PackView of(PolicyPackVersion v) {
            return new PackView(
                    v.pack(),
                    v.state().value(),
                    v.version(),
                    v.label().substring(v.label().indexOf('(') + 1, v.label().length() - 1),
                    v.rules(),
                    v.label(),
                    v.current(),
                    v.thresholds(),
                    v.source(),
                    v.sha256(),
                    v.importedBy(),
                    v.importedAt());
        }
    }

    /**
     * A what-if: stores nothing. An assessment of a request is stored by casework alone, for the
     * version it holds and for a user who may change it; were this endpoint to store one, anyone could
     * put findings on another unit's request or erase the subjects it counts for patterns.
     */
    @PostMapping("/assessments")
    @PreAuthorize(WORKERS)
    @Operation(
            summary = "What an assessment of this input would find (a what-if: nothing is stored)",
            description = "Assessments of requests are stored by casework, for the version it holds"
                    + " (GET /api/requests/{id}/assessment). This computes the findings for any input, with"
                    + " the history an assessment would read, and stores nothing: not an assessment of the"
                    + " request it names, not its subjects.")
    WhatIf whatIf(@RequestBody AssessmentInput input) {
        return safeguards.whatIf(input).in(language());
    }

    @GetMapping("/assessments/{id}")
    @PreAuthorize(READERS)
    @Operation(
            summary = "One stored assessment: its input, findings (each with its source: whose rule it is) and the"
                    + " versions it used; explanations in the Accept-Language (en, fr, ar)",
            description = "404 unless the user may see the assessed request (GET /api/requests/{id})")
    StoredAssessment get(@PathVariable UUID id) {
        return safeguards.shown(safeguards.get(id)).in(language());
    }

    @PostMapping("/assessments/{id}/replay")
    @PreAuthorize(READERS)
    @Operation(
            summary = "Compute a stored assessment again and say whether the findings and inputs changed",
            description = "404 unless the user may see the assessed request (GET /api/requests/{id})")
    Replay replay(@PathVariable UUID id) {
        return safeguards.shown(safeguards.replay(id)).in(language());
    }

    @GetMapping("/requests/{requestId}/assessments")
    @PreAuthorize(READERS)
    @Operation(
            summary = "Every assessment of a request, oldest first",
            description = "404 unless the user may see the request (GET /api/requests/{id})")
    List<StoredAssessment> ofRequest(@PathVariable UUID requestId) {
        return safeguards.ofRequest(requestId).stream()
                .map(safeguards::shown)
                .map(a -> a.in(language()))
                .toList();
    }

    @GetMapping("/policy-packs")
    @PreAuthorize(PACK_READERS)
    @Operation(summary = "The loaded policy packs, every version, newest first per State")
    List<PackView> packs() {
        return packs.policyPackVersions().stream().map(PackView::of).toList();
    }

    @PostMapping(
            value = "/policy-packs",
            consumes = {"application/yaml", "text/yaml", "application/x-yaml"})
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Import a policy pack version (administrators)",
            description = "The YAML pack is checked as at start (syntax, keys, CEL type-check, citation keys). A"
                    + " broken pack is refused with every problem and its line (422, errors[].field = 'line"
                    + " <n>'); a version not above the State's current one is refused (409,"
                    + " rule policy-pack-version-not-greater). Nothing is stored then but the audit of the"
                    + " attempt. An accepted pack applies to the next assessment; older versions stay for"
                    + " replay.")
    ResponseEntity<PackView> importPack(
            @RequestBody String body, @RequestParam(required = false) String source, Principal principal) {
        var imported = packs.importPolicyPack(body, source, principal.getName());
        return ResponseEntity.created(URI.create(
                        "/api/safeguards/policy-packs/" + imported.state().value() + "/" + imported.version()))
                .body(PackView.of(imported));
    }

    @GetMapping("/policy-packs/{state}/{version}")
    @PreAuthorize(PACK_READERS)
    @Operation(summary = "One version of a State's policy pack")
    PackView pack(@PathVariable String state, @PathVariable int version) {
        var code = CountryCode.parse("state", state);
        return packs.policyPackVersions().stream()
                .filter(v -> v.state().equals(code) && v.version() == version)
                .findFirst()
                .map(PackView::of)
                .orElseThrow(() -> new NotFound("policy pack " + state + " version " + version));
    }

    @GetMapping("/policy-packs/imports")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @Operation(summary = "The latest policy pack import attempts, accepted or refused, newest first")
    List<PolicyPackImportAttempt> imports(@RequestParam(defaultValue = "100") int limit) {
        return packs.policyPackImports(limit);
    }

    /**
     * The reader's language (Accept-Language, or the console's language cookie): findings are stored with
     * their message keys and arguments and shown in English, French or Arabic; any other reads English.
     */
    private static java.util.Locale language() {
        return org.springframework.context.i18n.LocaleContextHolder.getLocale();
    }
}
