package org.comity.transparency.domain.monitor;

import java.util.Objects;
import java.util.regex.Pattern;
import org.comity.transparency.domain.audit.LogSource;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.jspecify.annotations.Nullable;

/**
 * One log a monitor follows: whose it is, its pinned key, where its public resources are read, and
 * optionally its witness policy (without one, cosignatures are not judged: a name alone proves nothing).
 *
 * @param state the ISO 3166-1 alpha-2 code of the State that keeps the log
 */
public record FollowedLog(
        String state,
        TrustedLog log,
        LogSource source,
        @Nullable TrustPolicy policy) {

    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

    public FollowedLog {
        if (!STATE.matcher(Objects.requireNonNull(state, "state")).matches()) {
            throw new IllegalArgumentException("state is an ISO 3166-1 alpha-2 code");
        }
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(source, "source");
    }

    public String origin() {
        return log.origin();
    }
}
