package org.comity.casework.domain;

import org.jspecify.annotations.Nullable;

/**
 * What the reviewer saw in the assessment of the request. For now a single flag: whether any finding
 * is a refusal ground or a concern. The safeguards module will replace it with its findings.
 */
public record Assessment(boolean groundOrConcern, @Nullable String note) {

    public static Assessment clear() {
        return new Assessment(false, null);
    }
}
