package org.comity.web;

import java.util.Locale;
import java.util.regex.Pattern;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The text of a broken rule in the reader's language, for templates ({@code ${@rules.message(v, 'source')}}).
 * Modules name rules generically ("required", "format") and explain them in an English sentence that
 * only makes sense with the field, so the bundles are asked for {@code rule.<rule>.<field>} first, then
 * {@code rule.<rule>}, and only then is the module's sentence shown.
 */
@Component("rules")
public class RuleMessages {

    /** An index in a field path: {@code subjects[0].name} is the field {@code subjects.name}. */
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    /** The position a file report puts before a column: {@code line 3: as_of}. */
    private static final Pattern LINE = Pattern.compile("^line \\d+(: )?");

    private final MessageSource messages;

    public RuleMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The message of a violation whose field path names the field. */
    public String message(Violation violation) {
        return message(violation, violation.field());
    }

    /** The message of a violation shown next to one input of a form (or above it, when null). */
    public String message(Violation violation, @Nullable String input) {
        Locale locale = LocaleContextHolder.getLocale();
        var field = field(input);
        if (!field.isEmpty()) {
            var specific = messages.getMessage("rule." + violation.rule() + "." + field, null, null, locale);
            if (specific != null) {
                return specific;
            }
        }
        var generic = messages.getMessage("rule." + violation.rule(), null, null, locale);
        return generic != null ? generic : violation.message();
    }

    /** {@code subjects[0].name} is {@code subjects.name}; a file's {@code line 3: as_of} is {@code asOf}. */
    public static String field(@Nullable String path) {
        if (path == null) {
            return "";
        }
        var field = INDEX.matcher(LINE.matcher(path.strip()).replaceFirst("")).replaceAll("");
        var camel = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '_' && i + 1 < field.length()) {
                camel.append(Character.toUpperCase(field.charAt(++i)));
            } else {
                camel.append(c);
            }
        }
        return camel.toString();
    }
}
