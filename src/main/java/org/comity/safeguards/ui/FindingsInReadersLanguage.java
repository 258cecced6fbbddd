package org.comity.safeguards.ui;

import java.util.List;
import org.comity.safeguards.Finding;
import org.comity.safeguards.FindingText;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Findings as the console shows them, in the signed-in user's language (the language the console
 * resolves for the page): {@code ${@findingText.of(f)}}, {@code ${@findingText.source(f)}}. Findings
 * stored before messages were recorded keep their English text, which the page marks as English.
 */
@Component("findingText")
public class FindingsInReadersLanguage {

    public Finding of(Finding finding) {
        return FindingText.localised(finding, LocaleContextHolder.getLocale());
    }

    /** Whose rule it is, in words. */
    public String source(Finding finding) {
        return FindingText.source(finding.source(), LocaleContextHolder.getLocale());
    }

    /** The finding's text is the stored English, whatever the reader's language. */
    public boolean asStored(Finding finding) {
        return finding.message() == null
                || !FindingText.LANGUAGES.contains(
                        LocaleContextHolder.getLocale().getLanguage());
    }

    public boolean anyAsStored(List<Finding> findings) {
        return findings.stream().anyMatch(this::asStored);
    }
}
