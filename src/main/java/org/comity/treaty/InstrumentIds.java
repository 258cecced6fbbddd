package org.comity.treaty;

/** The shape of instrument ids in the catalogue ({@code UNCC}, {@code ETS185}, {@code EU-2023-1543}). */
public final class InstrumentIds {

    public static final String PATTERN = "[A-Z][A-Z0-9-]{1,39}";

    private InstrumentIds() {}
}
