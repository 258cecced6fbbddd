package org.comity.treaty.domain;

import java.util.List;
import java.util.Optional;
import org.comity.treaty.Citation;

/** When a denunciation takes effect after the depositary receives it; empty timing if not known. */
public record DenunciationRule(Optional<Timing> effective, List<Citation> cites) {

    public DenunciationRule {
        cites = List.copyOf(cites);
    }
}
