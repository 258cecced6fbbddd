package org.comity.evidence.domain;

/**
 * A chunk or an arrived item that does not hold: {@code code} is the rule it broke, from a closed set
 * ({@code undecryptable}, {@code sha256-mismatch}), and is what the custody record and the answer name.
 */
public final class ChunkRefused extends RuntimeException {

    private final String code;

    public ChunkRefused(String code) {
        super("refused: " + code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
