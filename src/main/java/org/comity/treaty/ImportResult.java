package org.comity.treaty;

import java.util.List;
import java.util.UUID;

/**
 * What an import did: the actions added, and those skipped because the same event was already recorded
 * (so an export can be imported again without duplicates).
 */
public record ImportResult(UUID id, int added, int skipped, List<String> skippedLines) {

    public ImportResult {
        skippedLines = List.copyOf(skippedLines);
    }
}
