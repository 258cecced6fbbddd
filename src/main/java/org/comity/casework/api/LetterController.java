package org.comity.casework.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.comity.casework.letter.Letters;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request's letters as PDF, for sending on paper or by e-mail (docs/casework.md): the letter of
 * request, and the decision letter that answers an incoming one.
 */
@RestController
@RequestMapping("/api/requests/{id}")
@Tag(name = "Requests")
class LetterController {

    private final Letters letters;

    LetterController(Letters letters) {
        this.letters = letters;
    }

    @GetMapping("/letter")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')")
    @Operation(
            summary = "The letter of request for the request's current version, as PDF",
            description = "lang: en (default), fr or ar; anything else is a 422 naming the field lang.")
    ResponseEntity<byte[]> letter(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
        return letters.letter(id, lang).download();
    }

    @GetMapping("/decision-letter")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')")
    @Operation(
            summary = "The decision letter to the requesting State, as PDF",
            description = "The decision taken (and approved, where it needed a second approval) on an incoming"
                    + " request: outcome, reasons with their grounds, conditions, the part refused, the"
                    + " postponement's end, the other basis of the assistance and the consultation held."
                    + " lang: en (default), fr or ar (422 naming lang otherwise). 409 not-incoming for a"
                    + " request this node made; 409 no-decision while no decision stands; 404 when the"
                    + " request is not visible to the caller.")
    ResponseEntity<byte[]> decisionLetter(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
        return letters.decisionLetter(id, lang).download();
    }
}
