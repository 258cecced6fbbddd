package org.comity.safeguards.policy;

import java.util.List;

/** A policy pack that cannot be loaded, with every problem found, each naming its line. */
public final class PolicyPackProblems extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public PolicyPackProblems(String file, List<String> problems) {
        super("policy pack " + file + " rejected: " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}
