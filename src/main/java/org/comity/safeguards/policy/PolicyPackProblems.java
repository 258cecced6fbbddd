package org.comity.safeguards.policy;

import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.jspecify.annotations.Nullable;

/** A policy pack that cannot be loaded, with every problem found, each naming its line. */
public final class PolicyPackProblems extends RuntimeException {

    private final String file;
    private final List<Problem> details;
    private final @Nullable CountryCode state;
    private final int version;
    /** Problems about the set of packs rather than a line of one file. */
    private final boolean plain;

    /** One problem: the line of the pack it is on (0 when the file as a whole is wrong) and why. */
    public record Problem(int line, String reason) {}

    public PolicyPackProblems(String file, List<String> problems) {
        this(file, problems.stream().map(p -> new Problem(0, p)).toList(), null, 0, true);
    }

    /**
     * @param state the pack's State when the header could be read, for the import audit
     * @param version the pack's version when the header could be read, 0 otherwise
     */
    PolicyPackProblems(String file, List<Problem> details, @Nullable CountryCode state, int version) {
        this(file, details, state, version, false);
    }

    private PolicyPackProblems(
            String file, List<Problem> details, @Nullable CountryCode state, int version, boolean plain) {
        super("policy pack " + file + " rejected: " + String.join("; ", format(file, details, plain)));
        this.file = file;
        this.details = List.copyOf(details);
        this.state = state;
        this.version = version;
        this.plain = plain;
    }

    public String file() {
        return file;
    }

    /** Each problem as {@code <file> line <n>: <reason>}. */
    public List<String> problems() {
        return format(file, details, plain);
    }

    public List<Problem> details() {
        return details;
    }

    public Optional<CountryCode> state() {
        return Optional.ofNullable(state);
    }

    public Optional<Integer> version() {
        return version > 0 ? Optional.of(version) : Optional.empty();
    }

    private static List<String> format(String file, List<Problem> details, boolean plain) {
        return details.stream()
                .map(p -> plain ? p.reason() : file + " line " + p.line() + ": " + p.reason())
                .toList();
    }
}
