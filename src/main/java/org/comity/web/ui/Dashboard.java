package org.comity.web.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.comity.web.DashboardPanel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in user's start page: one panel per module that has something for them. */
@Controller
class Dashboard {

    private final List<DashboardPanel> panels;

    Dashboard(List<DashboardPanel> panels) {
        this.panels = panels.stream()
                .sorted(Comparator.comparingInt(DashboardPanel::order))
                .toList();
    }

    @GetMapping("/console")
    @PreAuthorize("isAuthenticated()")
    String dashboard(Model model, @org.springframework.web.bind.annotation.ModelAttribute("me") ConsoleUser me) {
        model.addAttribute(
                "panels",
                panels.stream()
                        .map(p -> p.forUser(me.username(), me.roles()))
                        .flatMap(Optional::stream)
                        .toList());
        return "web/dashboard";
    }
}
