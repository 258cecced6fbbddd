package org.comity.casework.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.casework.CounterpartLetters;
import org.comity.casework.domain.CounterpartLetter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Correspondence with the counterpart of a request exchanged with another node. */
@RestController
@RequestMapping("/api/requests/{id}/letters")
@Tag(name = "Requests")
class LettersController {

    private final CounterpartLetters letters;

    LettersController(CounterpartLetters letters) {
        this.letters = letters;
    }

    /** A letter as the request shows it: sent from here (with its author) or received from the counterpart. */
    record LetterView(
            UUID messageId, String direction, @Nullable String author, String counterpart, String text, Instant at) {
        static LetterView of(CounterpartLetter l) {
            return new LetterView(l.messageId(), l.way().code(), l.author(), l.counterpart(), l.body(), l.at());
        }
    }

    record NewLetter(@Nullable String text) {}

    @PostMapping
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send a letter to the counterpart of a request exchanged with another node (caseworkers,"
                    + " reviewers, supervisors)",
            description = "Leaves as a correspondence message in the same transaction. 422 text text-length"
                    + " (1 to 20 000 characters); 409 not-exchanged for a request that did not travel by the exchange.")
    LetterView send(@PathVariable UUID id, @RequestBody NewLetter body, Principal principal) {
        return LetterView.of(letters.send(id, body.text(), principal.getName()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')")
    @Operation(summary = "Letters sent and received on a request, oldest first")
    List<LetterView> list(@PathVariable UUID id) {
        return letters.of(id).stream().map(LetterView::of).toList();
    }
}
