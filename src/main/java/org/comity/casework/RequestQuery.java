package org.comity.casework;

import java.time.Instant;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.RequestState;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;

/**
 * Which requests to list: every filter is optional; pages count from 0.
 *
 * @param state a state code ({@code under-review}, {@code refused} …), or {@link #OPEN} for every
 *     request not yet closed or withdrawn
 * @param counterpart the other State
 * @param text words to find in the facts and offences
 */
public record RequestQuery(
        @Nullable Direction direction,
        @Nullable String state,
        @Nullable KindOfAssistance kind,
        @Nullable CountryCode counterpart,
        @Nullable String assignee,
        @Nullable Instant dueBefore,
        @Nullable String text,
        int page,
        int size,
        Sort sort,
        boolean descending) {

    public static final int MAX_SIZE = 200;

    /** The pseudo-state that selects every open request. */
    public static final String OPEN = "open";

    public enum Sort {
        CREATED,
        UPDATED,
        DUE
    }

    public RequestQuery {
        var problems = new java.util.ArrayList<Violation>();
        if (page < 0) {
            problems.add(new Violation("page", "page-range", "pages count from 0"));
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add(new Violation("size", "size-range", "between 1 and " + MAX_SIZE));
        }
        if (state != null && !OPEN.equals(state) && !RequestState.CODES.contains(state)) {
            problems.add(new Violation("state", "unknown-state", "open, or a state such as draft or under-review"));
        }
        if (text != null && text.length() > 200) {
            problems.add(new Violation("q", "query-length", "at most 200 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        sort = sort == null ? Sort.CREATED : sort;
    }
}
