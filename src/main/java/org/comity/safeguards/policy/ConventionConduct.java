package org.comity.safeguards.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The conduct categories that are Convention offences, read from the jurisdiction module's shared
 * vocabulary file ({@code jurisdiction/conduct.yaml}, section {@code convention}).
 */
public final class ConventionConduct {

    private ConventionConduct() {}

    public static Set<ConductCode> read(String yaml) {
        var root = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        var codes = new HashSet<ConductCode>();
        for (Object entry : (List<?>) root.get("convention")) {
            codes.add(new ConductCode(String.valueOf(((Map<?, ?>) entry).get("code"))));
        }
        if (codes.isEmpty()) {
            throw new IllegalStateException("jurisdiction/conduct.yaml lists no Convention conduct");
        }
        return Set.copyOf(codes);
    }
}
