package org.comity.jurisdiction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.comity.node.NodeIdentity;
import org.comity.shared.CountryCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Imports the profiles shipped with Comity ({@code jurisdiction/profiles/*.yaml}) for States that
 * have none in the database yet, and replaces a profile an earlier release seeded when this release
 * ships a different one. A profile an administrator imported is never overwritten; a broken shipped
 * file stops the node, since it would otherwise silently lack a State's law.
 */
@Component
class SeedProfiles implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedProfiles.class);

    /** The actor the shipped profiles are imported as; only profiles it imported are ever updated. */
    static final String SEED = "seed";

    private final Jurisdictions jurisdictions;
    private final JurisdictionProperties properties;
    private final NodeIdentity node;

    SeedProfiles(Jurisdictions jurisdictions, JurisdictionProperties properties, NodeIdentity node) {
        this.jurisdictions = jurisdictions;
        this.properties = properties;
        this.node = node;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.seedProfiles()) {
            return;
        }
        int imported = 0;
        for (var resource :
                new PathMatchingResourcePatternResolver().getResources("classpath*:jurisdiction/profiles/*.yaml")) {
            var name = resource.getFilename();
            if (name == null || !name.matches("[A-Z]{2}\\.yaml")) {
                continue;
            }
            var state = CountryCode.of(name.substring(0, 2));
            // Fictional States exist for demonstrations and tests; a real node shows them only on request.
            if (state.isUserAssigned() && !node.isSandbox() && !properties.seedFictionalProfiles()) {
                continue;
            }
            String text;
            try (var in = resource.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // A release that corrects a shipped profile (a penalty, a new offence, its coverage) replaces
            // the copy an earlier release seeded; a profile an administrator imported stays.
            if (jurisdictions.hasProfile(state) && !jurisdictions.shippedProfileChanged(state, text, SEED)) {
                continue;
            }
            try {
                jurisdictions.importProfile(text, SEED, name);
                imported++;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        if (imported > 0) {
            log.info("imported or updated {} shipped jurisdiction profile(s)", imported);
        }
    }
}
