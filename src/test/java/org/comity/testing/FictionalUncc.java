package org.comity.testing;

import org.comity.treaty.Treaties;

/**
 * The UN Convention in force between fictional States (XA–XZ, QM–QZ) from 2025-06-08: the forty fictional
 * ratifications a sandbox ships ({@code treaty/fictional-actions.csv}), imported into a test node, so that
 * the safeguards assessment of a test request has a legal basis and only the findings a test is about.
 * Needs {@code comity.treaty.fictional-states=true}; importing twice adds nothing.
 */
public final class FictionalUncc {

    public static final String PROPERTY = "comity.treaty.fictional-states=true";

    private FictionalUncc() {}

    public static void inForce(Treaties treaties) {
        try (var in = FictionalUncc.class.getResourceAsStream("/treaty/fictional-actions.csv")) {
            var csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            treaties.importActions(csv, "fictional-actions.csv", "test", "cli");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
