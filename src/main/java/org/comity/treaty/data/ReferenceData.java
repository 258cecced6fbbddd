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
