package org.comity.casework.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Decision#canonical()}: each value as its length, a colon and itself; null as "-". No
 * two different decisions give the same text, whatever their values contain.
 */
final class CanonicalText {
    private final StringBuilder out = new StringBuilder();

    CanonicalText add(@Nullable String value) {
        if (value == null) {
            out.append("-;");
        } else {
            out.append(value.length()).append(':').append(value).append(';');
        }
        return this;
    }

    CanonicalText list(List<String> values) {
        out.append('[').append(values.size()).append(';');
        values.forEach(this::add);
        out.append(']');
        return this;
    }

    CanonicalText reasons(List<Decision.Reason> reasons) {
        out.append("reasons[").append(reasons.size()).append(';');
        for (var reason : reasons) {
            add(reason.ground() == null ? null : reason.ground().code());
            add(reason.explanation());
            list(reason.findings());
        }
        out.append(']');
        return this;
    }

    CanonicalText basis(Decision.@Nullable OtherBasis basis) {
        if (basis == null) {
            return add(null);
        }
        out.append("basis{");
        add(basis.kind() == null ? null : basis.kind().code());
        add(basis.instrument());
        add(basis.explanation());
        out.append('}');
        return this;
    }

    String text() {
        return out.toString();
    }
}
