package org.comity.transparency.monitor;

import java.util.List;
import java.util.Map;
import org.comity.transparency.persistence.JdbcMonitorStore;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The monitor's findings, public: as a page and as JSON, each with its evidence. */
@Controller
class MonitorPage {

    static final int LIMIT = 500;

    private final JdbcMonitorStore store;

    MonitorPage(JdbcMonitorStore store) {
        this.store = store;
    }

    @GetMapping("/monitor")
    String page(Model model) {
        model.addAttribute("findings", store.findings(LIMIT));
        return "transparency/monitor";
    }

    @GetMapping(value = "/api/monitor/findings", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> findings() {
        List<Map<String, Object>> findings = store.findings(LIMIT);
        return Map.of("findings", findings);
    }
}
