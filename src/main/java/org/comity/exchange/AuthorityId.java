package org.comity.exchange;

/**
 * The stable name of an authority between nodes, such as {@code xa-central-authority}: lower-case
 * letters, digits, dots and hyphens, so it can appear in a path, a file name and a log line as is.
 */
public record AuthorityId(String value) {

    public AuthorityId {
        if (value == null || !value.matches("[a-z0-9](?:[a-z0-9.-]{0,78}[a-z0-9])?")) {
            throw new IllegalArgumentException(
                    "an authority id is 1 to 80 lower-case letters, digits, dots and hyphens");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
