package org.comity.casework.ui;

import static org.comity.casework.ui.Inputs.blank;
import static org.comity.casework.ui.Inputs.state;
import static org.comity.casework.ui.Inputs.trim;

import java.util.List;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestContent.Authority;
import org.comity.shared.CountryCode;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/** Step 1: the two authorities and the legal basis. */
record PartiesForm(
        @Nullable String requestingName,
        @Nullable String requestingState,
        @Nullable String requestedName,
        @Nullable String requestedState,
        @Nullable String legalBasis)
        implements StepForm {

    static PartiesForm read(Posted p) {
        return new PartiesForm(
                p.one("requestingName"),
                p.one("requestingState"),
                p.one("requestedName"),
                p.one("requestedState"),
                p.one("legalBasis"));
    }

    static PartiesForm of(RequestContent c) {
        var requesting = c.requestingAuthority();
        var requested = c.requestedAuthority();
        return new PartiesForm(
                requesting == null ? null : requesting.name(),
                requesting == null ? null : code(requesting.state()),
                requested == null ? null : requested.name(),
                requested == null ? null : code(requested.state()),
                c.legalBasis());
    }

    @Override
    public RequestContent applyTo(RequestContent content, List<Violation> problems) {
        return content.withRequestingAuthority(
                        authority(requestingName, state(requestingState, "requestingState", problems)))
                .withRequestedAuthority(authority(requestedName, state(requestedState, "requestedState", problems)))
                .withLegalBasis(trim(legalBasis));
    }

    @Override
    public @Nullable String inputFor(String path) {
        if (path.startsWith("requestingAuthority")) {
            return path.endsWith(".state") ? "requestingState" : "requestingName";
        }
        if (path.startsWith("requestedAuthority")) {
            return path.endsWith(".state") ? "requestedState" : "requestedName";
        }
        return path.equals("legalBasis") ? path : null;
    }

    static @Nullable Authority authority(@Nullable String name, @Nullable CountryCode state) {
        return blank(name) && state == null ? null : new Authority(trim(name), state);
    }

    private static @Nullable String code(@Nullable CountryCode state) {
        return state == null ? null : state.value();
    }
}
