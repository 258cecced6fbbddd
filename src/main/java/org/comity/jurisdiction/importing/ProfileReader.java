package org.comity.jurisdiction.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.Authority;
import org.comity.jurisdiction.AuthorityRole;
import org.comity.jurisdiction.Channel;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Coverage;
import org.comity.jurisdiction.MaxPenalty;
import org.comity.jurisdiction.NotAnOffence;
import org.comity.jurisdiction.Offence;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.jurisdiction.Profile;
import org.comity.jurisdiction.Source;
import org.comity.jurisdiction.domain.ConductVocabulary;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;

/**
 * Reads a profile file (format: {@code jurisdiction/profiles/README.md}) and checks it whole: every
 * problem is reported with its line, and a file with any problem yields no profile at all.
 */
public final class ProfileReader {

    private static final List<String> TOP = List.of(
            "state",
            "fictional",
            "as_of",
            "sources",
            "offences",
            "coverage",
            "not_offences",
            "authorities",
            "policy_pack",
            "notes");
    private static final List<String> COVERAGE = List.of("conduct", "source", "note");
    private static final List<String> NOT_OFFENCE = List.of("conduct", "statement", "source");
    private static final List<String> OFFENCE =
            List.of("provision", "title", "conduct", "max_penalty", "flags", "source");
    private static final List<String> SOURCE = List.of("id", "title", "publisher", "url");
    private static final List<String> AUTHORITY = List.of("role", "name", "languages", "channels", "source");

    private final ConductVocabulary vocabulary;

    public ProfileReader(ConductVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The profile, or {@link InvalidInput} listing every problem with its line. */
    public Profile read(String text) {
        var doc = new YamlDocument();
        var profile = doc.parse(text).flatMap(root -> profile(doc, root));
        if (!doc.problems().isEmpty() || profile.isEmpty()) {
            if (doc.problems().isEmpty()) {
                doc.problem("file", "empty", 0, "the file holds no profile");
            }
            throw new InvalidInput(doc.problems());
        }
        return profile.get();
    }

    private Optional<Profile> profile(YamlDocument doc, YamlDocument.At root) {
        var keys = doc.mapping(root);
        doc.onlyKeys(root, keys, TOP);
        var state = doc.text(keys, "state", root).flatMap(code -> {
            try {
                return Optional.of(CountryCode.of(code));
            } catch (IllegalArgumentException e) {
                doc.problem(keys.get("state"), "country-code", "not an ISO 3166-1 alpha-2 code");
                return Optional.empty();
            }
        });
        var fictionalText = doc.optionalText(keys, "fictional");
        if (fictionalText.isPresent() && !fictionalText.get().matches("true|false")) {
            doc.problem(keys.get("fictional"), "boolean", "fictional is true or false");
        }
        boolean fictional = fictionalText.map(Boolean::parseBoolean).orElse(false);
        state.ifPresent(s -> {
            if (fictional != s.isUserAssigned()) {
                doc.problem(
                        keys.get("state"),
                        "fictional-code",
                        fictional
                                ? "fictional States use user-assigned codes (XA-XZ, QM-QZ)"
                                : "user-assigned codes are for fictional States (set fictional: true)");
            }
        });
        var asOf = doc.text(keys, "as_of", root).flatMap(date -> {
            try {
                return Optional.of(LocalDate.parse(date));
            } catch (DateTimeParseException e) {
                doc.problem(keys.get("as_of"), "date", "dates are written YYYY-MM-DD");
                return Optional.empty();
            }
        });
        var sources = keys.containsKey("sources") ? sources(doc, keys.get("sources")) : List.<Source>of();
        var sourceIds = new HashSet<String>();
        sources.forEach(s -> sourceIds.add(s.id()));
        if (!fictional && sources.isEmpty()) {
            doc.problem("sources", "sources-required", root.line(), "a real State's profile names its sources");
        }
        var offences = new ArrayList<Offence>();
        if (keys.containsKey("offences")) {
            for (var item : doc.sequence(keys.get("offences"))) {
                offence(doc, item, sourceIds, fictional).ifPresent(offences::add);
            }
        }
        var coverage = new ArrayList<Coverage>();
        if (keys.containsKey("coverage")) {
            for (var item : doc.sequence(keys.get("coverage"))) {
                coverage(doc, item, sourceIds, fictional).ifPresent(coverage::add);
            }
        }
        var notOffences = new ArrayList<NotAnOffence>();
        if (keys.containsKey("not_offences")) {
            for (var item : doc.sequence(keys.get("not_offences"))) {
                notOffence(doc, item, sourceIds, fictional, offences, notOffences)
                        .ifPresent(notOffences::add);
            }
        }
        coveredWithoutOffence(doc, keys.get("coverage"), coverage, offences, notOffences);
        var authorities = new ArrayList<Authority>();
        if (keys.containsKey("authorities")) {
            for (var item : doc.sequence(keys.get("authorities"))) {
                authority(doc, item, sourceIds).ifPresent(authorities::add);
            }
        }
        var policyPack = doc.optionalText(keys, "policy_pack");
        var notes = doc.optionalText(keys, "notes");
        if (state.isEmpty() || asOf.isEmpty() || !doc.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(
                state.get(),
                fictional,
                asOf.get(),
                sources,
                offences,
                coverage,
                notOffences,
                authorities,
                policyPack.orElse(null),
                notes.map(String::strip).orElse(null)));
    }

    private List<Source> sources(YamlDocument doc, YamlDocument.At at) {
        var result = new ArrayList<Source>();
        var ids = new HashSet<String>();
        for (var item : doc.sequence(at)) {
            var keys = doc.mapping(item);
            doc.onlyKeys(item, keys, SOURCE);
            var id = doc.text(keys, "id", item);
            var title = doc.text(keys, "title", item);
            if (id.isPresent() && !ids.add(id.get())) {
                doc.problem(keys.get("id"), "duplicate-source", "source id '" + id.get() + "' is used twice");
            }
            if (id.isPresent() && title.isPresent()) {
                try {
                    result.add(new Source(
                            id.get(),
                            title.get(),
                            doc.optionalText(keys, "publisher").orElse(null),
                            doc.optionalText(keys, "url").orElse(null)));
                } catch (IllegalArgumentException e) {
                    doc.problem(keys.get("id"), "source-id", "source ids are short lower-case words");
                }
            }
        }
        return result;
    }

    private Optional<Offence> offence(YamlDocument doc, YamlDocument.At at, Set<String> sourceIds, boolean fictional) {
        var keys = doc.mapping(at);
        doc.onlyKeys(at, keys, OFFENCE);
        var provision = doc.text(keys, "provision", at);
        var title = doc.text(keys, "title", at);
        var conduct = new HashSet<ConductCode>();
        if (!keys.containsKey("conduct")) {
            doc.problem(at.path() + ".conduct", "required", at.line(), "'conduct' lists at least one conduct code");
        } else {
            var items = doc.sequence(keys.get("conduct"));
            if (items.isEmpty()) {
                doc.problem(keys.get("conduct"), "required", "'conduct' lists at least one conduct code");
            }
            for (var item : items) {
                doc.scalar(item).ifPresent(code -> {
                    try {
                        var conductCode = new ConductCode(code);
                        if (vocabulary.knows(conductCode)) {
                            conduct.add(conductCode);
                        } else {
                            doc.problem(item, "unknown-conduct", "'" + code + "' is not in the conduct vocabulary");
                        }
                    } catch (IllegalArgumentException e) {
                        doc.problem(item, "unknown-conduct", "conduct codes are kebab-case words");
                    }
                });
            }
        }
        var penalty =
                keys.containsKey("max_penalty") ? penalty(doc, keys.get("max_penalty")) : Optional.<MaxPenalty>empty();
        if (!keys.containsKey("max_penalty")) {
            doc.problem(at.path() + ".max_penalty", "required", at.line(), "'max_penalty' is required");
        }
        var flags = EnumSet.noneOf(OffenceFlag.class);
        if (keys.containsKey("flags")) {
            for (var item : doc.sequence(keys.get("flags"))) {
                doc.scalar(item).ifPresent(flag -> {
                    try {
                        flags.add(OffenceFlag.valueOf(
                                flag.toUpperCase(Locale.ROOT).replace('-', '_')));
                    } catch (IllegalArgumentException e) {
                        doc.problem(item, "unknown-flag", "flags are " + OffenceFlag.codes());
                    }
                });
            }
        }
        var source = doc.optionalText(keys, "source");
        if (source.isEmpty() && !fictional) {
            doc.problem(
                    at.path() + ".source",
                    "source-required",
                    at.line(),
                    "every offence of a real State names its source");
        }
        source.filter(s -> !sourceIds.contains(s))
                .ifPresent(s -> doc.problem(keys.get("source"), "unknown-source", "no source with id '" + s + "'"));
        if (provision.isEmpty() || title.isEmpty() || conduct.isEmpty() || penalty.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Offence(provision.get(), title.get(), conduct, penalty.get(), flags, source.orElse("fictional")));
    }

    private Optional<Coverage> coverage(
            YamlDocument doc, YamlDocument.At at, Set<String> sourceIds, boolean fictional) {
        var keys = doc.mapping(at);
        doc.onlyKeys(at, keys, COVERAGE);
        var conduct = new HashSet<ConductCode>();
        if (!keys.containsKey("conduct")) {
            doc.problem(at.path() + ".conduct", "required", at.line(), "'conduct' lists the categories covered");
        } else {
            var items = doc.sequence(keys.get("conduct"));
            if (items.isEmpty()) {
                doc.problem(keys.get("conduct"), "required", "'conduct' lists the categories covered");
            }
            for (var item : items) {
                conductCode(doc, item).ifPresent(conduct::add);
            }
        }
        var source = source(doc, at, keys, sourceIds, fictional, "a coverage entry of a real State names its source");
        var note = doc.optionalText(keys, "note");
        if (conduct.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Coverage(conduct, source.get(), note.map(String::strip).orElse(null)));
    }

    private Optional<NotAnOffence> notOffence(
            YamlDocument doc,
            YamlDocument.At at,
            Set<String> sourceIds,
            boolean fictional,
            List<Offence> offences,
            List<NotAnOffence> earlier) {
        var keys = doc.mapping(at);
        doc.onlyKeys(at, keys, NOT_OFFENCE);
        Optional<ConductCode> conduct = Optional.empty();
        if (!keys.containsKey("conduct")) {
            doc.problem(at.path() + ".conduct", "required", at.line(), "'conduct' names one conduct category");
        } else {
            conduct = conductCode(doc, keys.get("conduct"));
        }
        var statement = doc.text(keys, "statement", at);
        var source = source(
                doc, at, keys, sourceIds, fictional, "a statement that conduct is not an offence names its source");
        conduct.ifPresent(code -> {
            var contradicted = offences.stream().filter(o -> o.covers(code)).findFirst();
            contradicted.ifPresent(o -> doc.problem(
                    keys.get("conduct"),
                    "contradicts-offence",
                    "'" + code + "' is stated not to be an offence, but " + o.provision() + " covers it"));
            if (earlier.stream().anyMatch(n -> n.conduct().equals(code))) {
                doc.problem(keys.get("conduct"), "duplicate-statement", "'" + code + "' is stated twice");
            }
        });
        if (conduct.isEmpty() || statement.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NotAnOffence(conduct.get(), statement.get().strip(), source.get()));
    }

    /**
     * A category declared covered has its offences listed or is stated not to be an offence: covered
     * with nothing said would read as "not criminal" without anyone having written so.
     */
    private static void coveredWithoutOffence(
            YamlDocument doc,
            YamlDocument.At at,
            List<Coverage> coverage,
            List<Offence> offences,
            List<NotAnOffence> notOffences) {
        coverage.stream()
                .flatMap(c -> c.conduct().stream())
                .distinct()
                .sorted()
                .filter(code -> offences.stream().noneMatch(o -> o.covers(code))
                        && notOffences.stream().noneMatch(n -> n.conduct().equals(code)))
                .forEach(code -> doc.problem(
                        at,
                        "covered-without-offence",
                        "'" + code + "' is declared covered but no offence covers it; list its offences, or state"
                                + " under not_offences that it is not an offence"));
    }

    private Optional<ConductCode> conductCode(YamlDocument doc, YamlDocument.At item) {
        return doc.scalar(item).flatMap(code -> {
            try {
                var conductCode = new ConductCode(code);
                if (vocabulary.knows(conductCode)) {
                    return Optional.of(conductCode);
                }
                doc.problem(item, "unknown-conduct", "'" + code + "' is not in the conduct vocabulary");
            } catch (IllegalArgumentException e) {
                doc.problem(item, "unknown-conduct", "conduct codes are kebab-case words");
            }
            return Optional.empty();
        });
    }

    /** The entry's source id, checked against the profile's sources; fictional States may omit it. */
    private static Optional<String> source(
            YamlDocument doc,
            YamlDocument.At at,
            Map<String, YamlDocument.At> keys,
            Set<String> sourceIds,
            boolean fictional,
            String required) {
        var source = doc.optionalText(keys, "source");
        if (source.isEmpty()) {
            if (!fictional) {
                doc.problem(at.path() + ".source", "source-required", at.line(), required);
                return Optional.empty();
            }
            return Optional.of("fictional");
        }
        if (!sourceIds.contains(source.get())) {
            doc.problem(keys.get("source"), "unknown-source", "no source with id '" + source.get() + "'");
            return Optional.empty();
        }
        return source;
    }

    private Optional<MaxPenalty> penalty(YamlDocument doc, YamlDocument.At at) {
        Map<String, YamlDocument.At> keys = doc.mapping(at);
        var rule = "max-penalty";
        var shape = "write {months: N}, {life: true} or {death: true}";
        if (keys.size() != 1) {
            doc.problem(at, rule, shape);
            return Optional.empty();
        }
        var entry = keys.entrySet().iterator().next();
        var value = doc.scalar(entry.getValue());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (entry.getKey()) {
            case "months" -> {
                try {
                    yield Optional.of(MaxPenalty.months(Integer.parseInt(value.get())));
                } catch (IllegalArgumentException e) {
                    doc.problem(entry.getValue(), rule, "months is a whole number from 0 to 1200");
                    yield Optional.empty();
                }
            }
            case "life" -> value.get().equals("true") ? Optional.of(new MaxPenalty.Life()) : bad(doc, at, rule, shape);
            case "death" ->
                value.get().equals("true") ? Optional.of(new MaxPenalty.Death()) : bad(doc, at, rule, shape);
            default -> bad(doc, at, rule, shape);
        };
    }

    private static Optional<MaxPenalty> bad(YamlDocument doc, YamlDocument.At at, String rule, String message) {
        doc.problem(at, rule, message);
        return Optional.empty();
    }

    private Optional<Authority> authority(YamlDocument doc, YamlDocument.At at, Set<String> sourceIds) {
        var keys = doc.mapping(at);
        doc.onlyKeys(at, keys, AUTHORITY);
        var role = doc.text(keys, "role", at).flatMap(code -> {
            try {
                return Optional.of(AuthorityRole.fromCode(code));
            } catch (IllegalArgumentException e) {
                doc.problem(
                        keys.get("role"),
                        "authority-role",
                        "role is central-authority, 24-7-contact or competent-authority");
                return Optional.empty();
            }
        });
        var name = doc.text(keys, "name", at);
        var languages = new ArrayList<String>();
        if (keys.containsKey("languages")) {
            for (var item : doc.sequence(keys.get("languages"))) {
                doc.scalar(item).ifPresent(language -> {
                    if (language.matches("[a-z]{2,3}")) {
                        languages.add(language);
                    } else {
                        doc.problem(item, "language", "languages are ISO 639 codes such as en or fr");
                    }
                });
            }
        }
        var channels = new ArrayList<Channel>();
        if (keys.containsKey("channels")) {
            for (var item : doc.sequence(keys.get("channels"))) {
                var channel = doc.mapping(item);
                doc.onlyKeys(item, channel, List.of("kind", "address"));
                var kind = doc.text(channel, "kind", item);
                var address = doc.text(channel, "address", item);
                if (kind.isPresent() && address.isPresent()) {
                    try {
                        channels.add(
                                new Channel(Channel.Kind.valueOf(kind.get().toUpperCase(Locale.ROOT)), address.get()));
                    } catch (IllegalArgumentException e) {
                        doc.problem(channel.get("kind"), "channel-kind", "kind is email, phone, postal, portal or fax");
                    }
                }
            }
        }
        var source = doc.optionalText(keys, "source");
        source.filter(s -> !sourceIds.contains(s))
                .ifPresent(s -> doc.problem(keys.get("source"), "unknown-source", "no source with id '" + s + "'"));
        if (role.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Authority(role.get(), name.get(), languages, channels, source.orElse(null)));
    }
}
