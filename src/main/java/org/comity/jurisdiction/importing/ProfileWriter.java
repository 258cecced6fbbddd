package org.comity.jurisdiction.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.comity.jurisdiction.Authority;
import org.comity.jurisdiction.Coverage;
import org.comity.jurisdiction.MaxPenalty;
import org.comity.jurisdiction.NotAnOffence;
import org.comity.jurisdiction.Offence;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.jurisdiction.Profile;
import org.comity.jurisdiction.Source;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a profile in the same file format {@link ProfileReader} reads, so a profile can be exported,
 * reviewed by a lawyer, corrected and imported again.
 */
public final class ProfileWriter {

    private ProfileWriter() {}

    public static String write(Profile profile) {
        var root = new LinkedHashMap<String, Object>();
        root.put("state", profile.state().value());
        root.put("fictional", profile.fictional());
        root.put("as_of", profile.asOf().toString());
        root.put(
                "sources",
                profile.sources().stream().map(ProfileWriter::source).collect(Collectors.toCollection(ArrayList::new)));
        root.put(
                "offences",
                profile.offences().stream()
                        .map(ProfileWriter::offence)
                        .collect(Collectors.toCollection(ArrayList::new)));
        // Written only when present, so a profile without them exports as it was imported.
        if (!profile.coverage().isEmpty()) {
            root.put(
                    "coverage",
                    profile.coverage().stream()
                            .map(ProfileWriter::coverage)
                            .collect(Collectors.toCollection(ArrayList::new)));
        }
        if (!profile.notOffences().isEmpty()) {
            root.put(
                    "not_offences",
                    profile.notOffences().stream()
                            .map(ProfileWriter::notOffence)
                            .collect(Collectors.toCollection(ArrayList::new)));
        }
        root.put(
                "authorities",
                profile.authorities().stream()
                        .map(ProfileWriter::authority)
                        .collect(Collectors.toCollection(ArrayList::new)));
        root.put("policy_pack", profile.policyPack());
        if (profile.notes() != null) {
            root.put("notes", profile.notes());
        }
        var settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(100)
                .build();
        // Every list is a fresh ArrayList: the dumper would write shared instances as YAML aliases,
        // which the reader refuses.
        return new Dump(settings).dumpToString(root);
    }

    private static Map<String, Object> source(Source source) {
        var map = new LinkedHashMap<String, Object>();
        map.put("id", source.id());
        map.put("title", source.title());
        if (source.publisher() != null) {
            map.put("publisher", source.publisher());
        }
        if (source.url() != null) {
            map.put("url", source.url());
        }
        return map;
    }

    private static Map<String, Object> offence(Offence offence) {
        var map = new LinkedHashMap<String, Object>();
        map.put("provision", offence.provision());
        map.put("title", offence.title());
        map.put(
                "conduct",
                offence.conduct().stream()
                        .map(c -> c.value())
                        .sorted()
                        .collect(Collectors.toCollection(ArrayList::new)));
        map.put(
                "max_penalty",
                switch (offence.maxPenalty()) {
                    case MaxPenalty.Months m -> Map.of("months", m.months());
                    case MaxPenalty.Life l -> Map.of("life", true);
                    case MaxPenalty.Death d -> Map.of("death", true);
                });
        map.put(
                "flags",
                offence.flags().stream()
                        .map(OffenceFlag::code)
                        .sorted()
                        .collect(Collectors.toCollection(ArrayList::new)));
        if (!offence.source().equals("fictional")) {
            map.put("source", offence.source());
        }
        return map;
    }

    private static Map<String, Object> coverage(Coverage coverage) {
        var map = new LinkedHashMap<String, Object>();
        map.put(
                "conduct",
                coverage.conduct().stream()
                        .map(c -> c.value())
                        .sorted()
                        .collect(Collectors.toCollection(ArrayList::new)));
        if (!coverage.source().equals("fictional")) {
            map.put("source", coverage.source());
        }
        if (coverage.note() != null) {
            map.put("note", coverage.note());
        }
        return map;
    }

    private static Map<String, Object> notOffence(NotAnOffence statement) {
        var map = new LinkedHashMap<String, Object>();
        map.put("conduct", statement.conduct().value());
        map.put("statement", statement.statement());
        if (!statement.source().equals("fictional")) {
            map.put("source", statement.source());
        }
        return map;
    }

    private static Map<String, Object> authority(Authority authority) {
        var map = new LinkedHashMap<String, Object>();
        map.put("role", authority.role().code());
        map.put("name", authority.name());
        map.put("languages", new ArrayList<>(authority.languages()));
        List<Map<String, String>> channels = new ArrayList<>();
        authority
                .channels()
                .forEach(c -> channels.add(Map.of("kind", c.kind().name().toLowerCase(), "address", c.address())));
        map.put("channels", channels);
        if (authority.source() != null) {
            map.put("source", authority.source());
        }
        return map;
    }
}
