package org.comity.casework.domain;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The time a request has to be answered in. It runs from creation or registration, stops while
 * information is awaited from the other State, and resumes where it stopped: waiting for the other
 * side never counts against the one who waits.
 *
 * @param allowed the time limit for the request's kind and urgency
 * @param stoppedTotal how long the clock has been stopped so far (completed stops)
 * @param stoppedSince when the current stop began, if the clock is stopped
 * @param missReported whether a missed deadline was already announced for the current due date
 */
public record DeadlineClock(
        Instant startedAt,
        Duration allowed,
        Duration stoppedTotal,
        @Nullable Instant stoppedSince,
        boolean missReported) {

    public DeadlineClock {
        if (startedAt == null || allowed == null || stoppedTotal == null) {
            throw new IllegalArgumentException("a deadline clock has a start, an allowance and a stopped total");
        }
    }

    public static DeadlineClock start(Instant at, Duration allowed) {
        return new DeadlineClock(at, allowed, Duration.ZERO, null, false);
    }

    /** The due date as it stands; while stopped, the date the clock would give if it resumed now. */
    public Instant dueAt(Instant now) {
        var stopped = stoppedSince == null ? stoppedTotal : stoppedTotal.plus(Duration.between(stoppedSince, now));
        return startedAt.plus(allowed).plus(stopped);
    }

    public boolean stopped() {
        return stoppedSince != null;
    }

    public boolean overdue(Instant now) {
        return !stopped() && now.isAfter(dueAt(now));
    }

    public DeadlineClock stop(Instant at) {
        return stopped() ? this : new DeadlineClock(startedAt, allowed, stoppedTotal, at, missReported);
    }

    public DeadlineClock resume(Instant at) {
        if (!stopped()) {
            return this;
        }
        var total = stoppedTotal.plus(Duration.between(stoppedSince, at));
        var resumed = new DeadlineClock(startedAt, allowed, total, null, false);
        return resumed.overdue(at) ? resumed.withMissReported(missReported) : resumed;
    }

    /** A new allowance, when the urgency of a draft changes; a due date in the future can be missed again. */
    public DeadlineClock allow(Duration newAllowance, Instant now) {
        var changed = new DeadlineClock(startedAt, newAllowance, stoppedTotal, stoppedSince, false);
        return changed.overdue(now) ? changed.withMissReported(missReported) : changed;
    }

    public DeadlineClock withMissReported(boolean reported) {
        return new DeadlineClock(startedAt, allowed, stoppedTotal, stoppedSince, reported);
    }
}
