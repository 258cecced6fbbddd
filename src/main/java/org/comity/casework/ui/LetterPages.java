package org.comity.casework.ui;

import java.util.UUID;
import org.comity.casework.letter.Letters;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The letters from the console: the small forms on the request page ask for the language. Whoever may
 * read the request may print them.
 */
@Controller
class LetterPages {

    private final Letters letters;

    LetterPages(Letters letters) {
        this.letters = letters;
    }

    @GetMapping("/requests/{id}/letter.pdf")
    @PreAuthorize(RequestPages.READERS)
    ResponseEntity<byte[]> letter(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
        return letters.letter(id, lang).download();
    }

    @GetMapping("/requests/{id}/decision-letter.pdf")
    @PreAuthorize(RequestPages.READERS)
    ResponseEntity<byte[]> decisionLetter(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
        return letters.decisionLetter(id, lang).download();
    }
}
