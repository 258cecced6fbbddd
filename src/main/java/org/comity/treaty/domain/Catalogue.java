package org.comity.treaty.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.comity.shared.NotFound;
import org.comity.treaty.Citation;

/**
 * The instruments and their articles. The only way to a {@link Citation}: asking for an article or
 * paragraph the catalogue does not list throws, so a wrong number is caught at load time (for the rules
 * in the data file) or at lookup, never shown.
 */
public final class Catalogue {

    private static final Pattern REFERENCE =
            Pattern.compile("([0-9]{1,3}[a-z]{0,6})(?:\\(([^()]+)\\)((?:\\([a-z0-9]{1,4}\\))*))?");

    private final Map<String, InstrumentDefinition> instruments;

    public Catalogue(List<InstrumentDefinition> instruments) {
        var byId = new LinkedHashMap<String, InstrumentDefinition>();
        for (InstrumentDefinition instrument : instruments) {
            if (byId.put(instrument.id(), instrument) != null) {
                throw new IllegalArgumentException("instrument listed twice: " + instrument.id());
            }
        }
        this.instruments = java.util.Collections.unmodifiableMap(byId);
    }

    public Collection<InstrumentDefinition> instruments() {
        return instruments.values();
    }

    public Optional<InstrumentDefinition> find(String id) {
        return Optional.ofNullable(instruments.get(id));
    }

    public InstrumentDefinition instrument(String id) {
        return find(id).orElseThrow(() -> new NotFound("instrument " + id));
    }

    /** A citation of an article, or of one of its listed paragraphs; throws for anything not listed. */
    public Citation cite(String instrument, String article, Optional<String> paragraph) {
        return cite(instrument(instrument), article, paragraph);
    }

    /** Parses a reference as the data file writes it ({@code 65(1)}, {@code 35(1)(c)}, {@code 2(o)}). */
    public Citation cite(String instrument, String reference) {
        return citeReference(instrument(instrument), reference);
    }

    public static Citation citeReference(InstrumentDefinition instrument, String reference) {
        return citeReference(instrument.id(), instrument.articles(), reference);
    }

    /** As {@link #cite(String, String)}, on an instrument's articles while it is being loaded. */
    public static Citation citeReference(String instrument, Map<String, Article> articles, String reference) {
        var matcher = REFERENCE.matcher(reference.strip());
        if (!matcher.matches()) {
            throw new NotFound("citation '" + reference + "' of " + instrument + " (not a reference)");
        }
        Optional<String> paragraph =
                matcher.group(2) == null ? Optional.empty() : Optional.of(matcher.group(2) + matcher.group(3));
        return cite(instrument, articles, matcher.group(1), paragraph);
    }

    public static Citation cite(InstrumentDefinition instrument, String article, Optional<String> paragraph) {
        return cite(instrument.id(), instrument.articles(), article, paragraph);
    }

    private static Citation cite(
            String instrument, Map<String, Article> articles, String article, Optional<String> paragraph) {
        var listed = articles.get(article);
        if (listed == null) {
            throw new NotFound("article " + article + " of " + instrument + " in the articles catalogue");
        }
        if (paragraph.isEmpty()) {
            return new Citation(instrument, article, Optional.empty(), listed.certainty(), listed.heading());
        }
        var p = listed.paragraphs().get(paragraph.get());
        if (p == null) {
            throw new NotFound("paragraph " + paragraph.get() + " of article " + article + " of " + instrument
                    + " in the articles catalogue");
        }
        return new Citation(instrument, article, paragraph, p.certainty(), listed.heading());
    }

    /** Every citation the rules of an instrument make, for a load-time check and for display. */
    public static List<Citation> ruleCitations(InstrumentDefinition instrument) {
        var all = new ArrayList<Citation>();
        instrument.entryIntoForce().ifPresent(rule -> {
            all.addAll(rule.cites());
            all.addAll(rule.laterParty().cites());
        });
        instrument.denunciation().ifPresent(rule -> all.addAll(rule.cites()));
        return all;
    }
}
