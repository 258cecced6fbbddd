package org.comity.safeguards;

import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.policy.CitationFile;
import org.comity.treaty.Treaties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The citations, read once at start, are shared by the engine and the policy packs checked against them. */
@Configuration
class SafeguardsConfiguration {

    @Bean
    Citations safeguardsCitations(Treaties treaties) {
        return CitationFile.read(
                Safeguards.classpath("safeguards/citations.yaml"),
                Safeguards.classpath("safeguards/human-rights-articles.yaml"),
                treaties::cite);
    }
}
