package org.comity.casework;

import java.util.List;

/** One page of a longer list, with the total so clients can page on. */
public record Page<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page whose total was counted in full. */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    /** Whether a later page may hold more: always when the total is only a lower bound. */
    public boolean hasNext() {
        return !totalExact || (long) (page + 1) * size < total;
    }
}
