package org.comity.transparency.domain.audit;

/**
 * Where an audit reads a log: a function from a tlog-tiles path relative to the log's prefix
 * ({@code checkpoint}, {@code tile/0/000}, {@code tile/entries/001.p/44}) to its bytes. HTTP for the
 * CLI, files for the tampered fixtures; the audit never needs anything else.
 */
@FunctionalInterface
public interface LogSource {

    /** The resource's bytes; throws (anything unchecked) when it cannot be read. */
    byte[] fetch(String path);
}
