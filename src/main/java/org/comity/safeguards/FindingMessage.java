package org.comity.safeguards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The message keys of a finding's explanation and resolution with their arguments, stored with the
 * finding so it is shown in the reader's language ({@link FindingText}); the stored English text is
 * what the engine rendered when it assessed.
 *
 * <p>Arguments are text, whole numbers or lists of text. A text starting with {@code @} names a word of
 * the bundle ({@code @characteristic.religion}) and is translated; any other text (an offence's
 * provision, a State's code) is shown as entered.
 */
public record FindingMessage(String explanation, String resolution, Map<String, Object> arguments) {

    public FindingMessage {
        if (explanation == null || explanation.isBlank() || resolution == null || resolution.isBlank()) {
            throw new IllegalArgumentException("a finding message names its explanation and resolution keys");
        }
        var normalised = new TreeMap<String, Object>();
        if (arguments != null) {
            arguments.forEach((name, value) -> normalised.put(name, normal(name, value)));
        }
        arguments = Collections.unmodifiableMap(normalised);
    }

    /** One type per kind of value, so a message read back from JSON equals the one stored. */
    private static Object normal(String name, Object value) {
        return switch (value) {
            case String s -> s;
            case Number n -> n.longValue();
            case Boolean b -> b.toString();
            case List<?> list -> {
                var items = new ArrayList<String>();
                list.forEach(item -> items.add(String.valueOf(item)));
                yield List.copyOf(items);
            }
            case null -> throw new IllegalArgumentException("message argument " + name + " is null");
            default -> throw new IllegalArgumentException("message argument " + name + " is " + value.getClass());
        };
    }
}
