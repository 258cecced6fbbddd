package org.comity.casework.domain;

import java.util.List;

/** The state a transition leads to and the events it emits. */
public record Transition(RequestState next, List<CaseEvent> events) {

    public Transition {
        if (next == null) {
            throw new IllegalArgumentException("a transition leads somewhere");
        }
        events = List.copyOf(events);
    }

    static Transition to(RequestState next, CaseEvent... events) {
        return new Transition(next, List.of(events));
    }
}
