package org.comity.evidence.domain;

import java.util.Locale;
import org.comity.shared.InvalidInput;

/** Who produced an item: a provider answering an order, or an examiner of the requested State. */
public sealed interface Source {

    String name();

    /** The stable code stored and signed: {@code provider} or {@code examiner}. */
    default String code() {
        return switch (this) {
            case Provider p -> "provider";
            case Examiner e -> "examiner";
        };
    }

    record Provider(String name) implements Source {
        public Provider {
            name = Texts.label("origin.source", name);
        }
    }

    record Examiner(String name) implements Source {
        public Examiner {
            name = Texts.label("origin.source", name);
        }
    }

    static Source of(String code, String name) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "provider" -> new Provider(name);
            case "examiner" -> new Examiner(name);
            default -> throw InvalidInput.of("origin.sourceKind", "one-of", "the source is a provider or an examiner");
        };
    }
}
