package org.comity.casework.ui;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import org.comity.casework.Casework;
import org.comity.casework.Page;
import org.comity.casework.RequestQuery;
import org.comity.casework.domain.Request;
import org.comity.treaty.StateNames;
import org.comity.web.DashboardPanel;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Casework's part of the dashboard: my open requests, those due within a week, those overdue, and (for
 * supervisors) those awaiting a second approval, each with its count and the first few.
 */
@Component
class CaseworkDashboard implements DashboardPanel {

    static final Duration SOON = Duration.ofDays(7);
    static final int SHOWN = 5;

    private final Casework casework;
    private final Clock clock;
    private final StateNames stateNames;

    CaseworkDashboard(Casework casework, Clock clock, StateNames stateNames) {
        this.casework = casework;
        this.stateNames = stateNames;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 10;
    }

    /** One list on the dashboard: its name (message key suffix), where "all" leads, the count and the first items. */
    record Tile(String key, String link, long count, java.util.List<Request> first) {}

    @Override
    public Optional<Panel> forUser(String username, Set<String> roles) {
        if (roles.stream().noneMatch(Set.of("CASEWORKER", "LEGAL_REVIEWER", "SUPERVISOR", "AUDITOR")::contains)) {
            return Optional.empty();
        }
        var now = clock.instant();
        var tiles = new java.util.ArrayList<Tile>();
        var mine = page(RequestQuery.OPEN, username, null, RequestQuery.Sort.DUE);
        tiles.add(new Tile("mine", "/requests?state=open&assignee=" + username, mine.total(), mine.items()));
        var soon = page(null, null, now.plus(SOON), RequestQuery.Sort.DUE);
        var overdue = page(null, null, now, RequestQuery.Sort.DUE);
        tiles.add(new Tile(
                "soon",
                "/requests?dueBefore=" + java.time.LocalDate.ofInstant(now.plus(SOON), java.time.ZoneOffset.UTC),
                Math.max(0, soon.total() - overdue.total()),
                soon.items().stream()
                        .filter(r -> r.dueAt(now).map(d -> !d.isBefore(now)).orElse(false))
                        .toList()));
        tiles.add(new Tile(
                "overdue",
                "/requests?sort=DUE&descending=false&dueBefore="
                        + java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)
                                .minusDays(1),
                overdue.total(),
                overdue.items()));
        if (roles.contains("SUPERVISOR")) {
            var sending = page("awaiting-send-approval", null, null, RequestQuery.Sort.UPDATED);
            var deciding = page("awaiting-decision-approval", null, null, RequestQuery.Sort.UPDATED);
            var first = new java.util.ArrayList<Request>(sending.items());
            first.addAll(deciding.items());
            tiles.add(new Tile(
                    "approval",
                    "/requests?state=awaiting-send-approval",
                    sending.total() + deciding.total(),
                    first.stream().limit(SHOWN).toList()));
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("tiles", tiles);
        data.put("now", now);
        data.put("stateNames", stateNames);
        return Optional.of(new Panel("casework/dashboard", data));
    }

    private Page<Request> page(
            @Nullable String state,
            @Nullable String assignee,
            java.time.@Nullable Instant dueBefore,
            RequestQuery.Sort sort) {
        return casework.list(new RequestQuery(
                null, state, null, null, assignee, dueBefore, null, 0, SHOWN, sort, sort == RequestQuery.Sort.UPDATED));
    }
}
