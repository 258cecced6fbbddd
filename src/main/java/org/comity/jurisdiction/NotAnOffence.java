package org.comity.jurisdiction;

/**
 * A positive statement that conduct is not an offence in the State (such as "consensual sexual
 * relations between adults of the same sex are not an offence"), with its source. Only such a
 * statement lets Comity answer "not criminal": the absence of an offence from a profile never does.
 *
 * @param source the id of the profile source ({@code fictional} for a fictional State)
 */
public record NotAnOffence(ConductCode conduct, String statement, String source) {

    public NotAnOffence {
        java.util.Objects.requireNonNull(conduct, "conduct");
        if (statement == null || statement.isBlank()) {
            throw new IllegalArgumentException("a statement that conduct is not an offence says so in words");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a statement that conduct is not an offence names its source");
        }
    }
}
