package org.comity.safeguards.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.Replay;
import org.comity.safeguards.Safeguards;
import org.comity.safeguards.StoredAssessment;
import org.comity.shared.InvalidInput;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Assess a request version, read stored assessments with their findings, replay one. */
@RestController
@RequestMapping("/api/safeguards")
@Tag(name = "Safeguards", description = "Deterministic, explainable assessments of request versions")
class SafeguardsController {

    private static final String READERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')";
    private static final String WORKERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')";

    /** Lenient on omitted booleans (they mean false), strict on everything else. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Safeguards safeguards;

    SafeguardsController(Safeguards safeguards) {
        this.safeguards = safeguards;
    }

    /** One policy pack as shown to users: what it sets and which rules it adds. */
    record PackView(String id, String state, int version, String fingerprint, List<String> rules) {}

    @PostMapping("/assessments")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Assess one version of a request and store the assessment with the versions it used")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            schema =
                                    @io.swagger.v3.oas.annotations.media.Schema(
                                            implementation = AssessmentInput.class)))
    ResponseEntity<StoredAssessment> assess(@RequestBody String body, Principal principal) {
        AssessmentInput input;
        try {
            input = JSON.readValue(body, AssessmentInput.class);
        } catch (RuntimeException e) {
            throw InvalidInput.of(
                    "body", "invalid-assessment-input", "not a valid assessment input: check field names and values");
        }
        var stored = safeguards.assess(input, principal.getName());
        return ResponseEntity.created(URI.create("/api/safeguards/assessments/" + stored.id()))
                .body(stored);
    }

    @GetMapping("/assessments/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "One stored assessment: its input, findings and the versions it used")
    StoredAssessment get(@PathVariable UUID id) {
        return safeguards.get(id);
    }

    @PostMapping("/assessments/{id}/replay")
    @PreAuthorize(READERS)
    @Operation(summary = "Compute a stored assessment again and say whether the findings and inputs changed")
    Replay replay(@PathVariable UUID id) {
        return safeguards.replay(id);
    }

    @GetMapping("/requests/{requestId}/assessments")
    @PreAuthorize(READERS)
    @Operation(summary = "Every assessment of a request, oldest first")
    List<StoredAssessment> ofRequest(@PathVariable UUID requestId) {
        return safeguards.ofRequest(requestId);
    }

    @GetMapping("/policy-packs")
    @PreAuthorize(READERS)
    @Operation(summary = "The loaded policy packs, every version")
    List<PackView> packs() {
        return safeguards.policyPacks().stream()
                .map(p -> new PackView(
                        p.id(),
                        p.state().value(),
                        p.version(),
                        p.fingerprint(),
                        p.rules().stream().map(r -> r.id()).toList()))
                .toList();
    }
}
