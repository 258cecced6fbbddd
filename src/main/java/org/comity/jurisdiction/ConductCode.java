package org.comity.jurisdiction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A conduct category from the vocabulary in {@code jurisdiction/conduct.yaml} (such as {@code
 * illegal-access}). Dual criminality compares these codes, not the names of offences.
 */
public record ConductCode(@JsonValue String value) implements Comparable<ConductCode> {

    @JsonCreator
    public ConductCode {
        if (value == null || !value.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new IllegalArgumentException("conduct codes are kebab-case words");
        }
    }

    @Override
    public int compareTo(ConductCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
