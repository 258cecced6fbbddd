package org.comity.transparency;

import java.util.Objects;

/**
 * The opening of an entry's commitment, published after its disclosure date: with it anyone checks
 * that {@code record} is what the node committed to when it logged the event.
 */
public record Reveal(long index, byte[] salt, byte[] record) {

    public Reveal {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(record, "record");
        salt = salt.clone();
        record = record.clone();
    }

    /**
     * @throws IllegalArgumentException if the salt and record do not open the entry's commitment
     */
    public void verify(LogEntry entry) {
        entry.commitment().verify(salt, record);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] record() {
        return record.clone();
    }
}
