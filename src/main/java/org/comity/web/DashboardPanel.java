package org.comity.web;

import java.util.Map;
import java.util.Set;

/**
 * A module's part of the console dashboard. The web module owns the dashboard page but knows no
 * module above it; each module contributes a panel (a Thymeleaf fragment named {@code panel} in its
 * own template, and the data it needs), so the dependency points from the module to web.
 */
public interface DashboardPanel {

    /** Position on the dashboard, smallest first. */
    int order();

    /** What the panel shows to this user, or empty when it has nothing for them. */
    java.util.Optional<Panel> forUser(String username, Set<String> roles);

    /**
     * @param template the template holding a fragment named {@code panel}, such as {@code casework/dashboard}
     * @param data the fragment's variables, available to it as {@code data}
     */
    record Panel(String template, Map<String, Object> data) {
        public Panel {
            data = Map.copyOf(data);
        }
    }
}
