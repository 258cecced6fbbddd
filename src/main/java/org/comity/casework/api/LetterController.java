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

/** A request's letter of request as PDF, for sending it on paper or by e-mail (docs/console.md). */
@RestController
@RequestMapping("/api/requests/{id}/letter")
@Tag(name = "Requests")
class LetterController {

    private final Letters letters;

    LetterController(Letters letters) {
        this.letters = letters;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')")
    @Operation(
            summary = "The letter of request for the request's current version, as PDF",
            description = "lang: en (default), fr or ar; anything else is a 422 naming the field lang.")
    ResponseEntity<byte[]> letter(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
        return letters.letter(id, lang).download();
    }
}
