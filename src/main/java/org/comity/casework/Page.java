package org.comity.casework;

import java.util.List;

/** One page of a longer list, with the total so clients can page on. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
