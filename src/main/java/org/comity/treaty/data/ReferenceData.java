package org.comity.treaty.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.comity.shared.InvalidInput;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.domain.Catalogue;
import org.comity.treaty.domain.StateRegistry;

/**
 * The reference data shipped in the release ({@code classpath:treaty/}): catalogue, States and the
 * researched treaty actions. Read once at start; any problem stops the node, listing them all.
 */
public record ReferenceData(Catalogue catalogue, StateRegistry states, List<TreatyAction> actions) {

    public static final String SHIPPED = "shipped";

    public ReferenceData {
        actions = List.copyOf(actions);
    }

    public static ReferenceData load(boolean fictionalStates) {
        var catalogue = CatalogueFile.read(resource("treaty/instruments.yaml"));
        var states = new StateRegistry(StatesFile.read(resource("treaty/states.csv")), fictionalStates);
        try {
            var actions =
                    new ActionsFile(catalogue, states).read(resource("treaty/treaty-actions.csv"), SHIPPED, false);
            return new ReferenceData(catalogue, states, actions);
        } catch (InvalidInput e) {
            throw new IllegalStateException("treaty/treaty-actions.csv: " + e.getMessage() + " " + e.violations(), e);
        }
    }

    /**
     * The same data plus the shipped fictional treaty status ({@code treaty/fictional-actions.csv}), for
     * sandbox and training nodes. Its actions are by fictional States only, and an entry-into-force
     * threshold counts them apart from real ones (see {@code Treaties}), so they never make a real
     * treaty look in force.
     */
    public ReferenceData withFictionalStatus() {
        if (states.fictional().isEmpty()) {
            throw new IllegalStateException("the fictional treaty status needs fictional States enabled");
        }
        try {
            var fictional =
                    new ActionsFile(catalogue, states).read(resource("treaty/fictional-actions.csv"), SHIPPED, false);
            var notFictional = fictional.stream()
                    .filter(a -> !a.party().isUserAssigned())
                    .map(a -> a.party().value())
                    .toList();
            if (!notFictional.isEmpty()) {
                throw new IllegalStateException("treaty/fictional-actions.csv names real States: " + notFictional);
            }
            var all = new java.util.ArrayList<>(actions);
            all.addAll(fictional);
            return new ReferenceData(catalogue, states, all);
        } catch (InvalidInput e) {
            throw new IllegalStateException(
                    "treaty/fictional-actions.csv: " + e.getMessage() + " " + e.violations(), e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing reference data " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
