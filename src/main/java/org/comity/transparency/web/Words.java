package org.comity.transparency.web;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.comity.shared.CountryCode;
import org.comity.transparency.PublicMetadata;
import org.comity.treaty.Treaties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * The public metadata of entries in words, in the reader's language: States by name, kinds, events,
 * outcomes and refusal grounds from the message bundles. A code the bundles do not know (a category a
 * newer node logs, a fictional State) is shown as the code itself, never hidden.
 *
 * @param registry the treaty registry's name of a State in the reader's language (UNTERM short names),
 *     or null for a code it does not hold; the JDK's locale data names those
 */
record Words(MessageSource messages, Locale locale, Function<CountryCode, @Nullable String> registry) {

    /** With the names of the node's treaty registry. */
    Words(MessageSource messages, Locale locale, Treaties treaties) {
        this(messages, locale, code -> treaties.stateName(code, locale).orElse(null));
    }

    /**
     * ISO 3166-1 user-assigned codes (AA, QM–QZ, XA–XZ, ZZ): fictional States in tests and sandboxes.
     * The JDK's locale data names some of them (XA "Pseudo-Accents"), which must not be shown.
     */
    private static final java.util.regex.Pattern USER_ASSIGNED = java.util.regex.Pattern.compile("AA|Q[M-Z]|X[A-Z]|ZZ");

    /** {@code Name (FR)} for States the locale data names, else the code; ZZ is "unknown". */
    String state(String code) {
        if ("ZZ".equals(code)) {
            return message("log.state.unknown", code) + " (ZZ)";
        }
        if (USER_ASSIGNED.matcher(code).matches()) {
            return code;
        }
        String name = code.matches("[A-Z]{2}") ? registry.apply(new CountryCode(code)) : null;
        if (name == null) {
            name = Locale.of("", code).getDisplayCountry(locale);
        }
        return name.isEmpty() || name.equals(code) ? code : name + " (" + code + ")";
    }

    String kind(String code) {
        return message("kind." + enumName(code), code);
    }

    String event(String code) {
        return message("log.event." + code, code);
    }

    String outcome(String code) {
        return message("log.outcome." + code, code);
    }

    String ground(String code) {
        return message("ground." + enumName(code), code);
    }

    /** One entry's metadata as the pages show it. */
    Row row(long index, PublicMetadata m) {
        return new Row(
                index,
                m.day().toString(),
                m.event().code(),
                event(m.event().code()),
                m.outcome() == null ? null : outcome(m.outcome().code()),
                state(m.requesting().value()),
                state(m.requested().value()),
                kind(m.kind()),
                m.refusalGrounds().stream().map(this::ground).toList(),
                m.legalBasis(),
                m.offenceCategories(),
                m.emergency(),
                m.basis() == null ? null : message("log.basis." + m.basis(), m.basis()));
    }

    /** An entry in words. */
    record Row(
            long index,
            String day,
            String eventCode,
            String event,
            @Nullable String outcome,
            String requesting,
            String requested,
            String kind,
            List<String> refusalGrounds,
            List<String> legalBasis,
            List<String> offenceCategories,
            boolean emergency,
            @Nullable String basis) {}

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale);
    }

    private static String enumName(String code) {
        return code.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
