package org.comity.transparency.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.comity.transparency.domain.monitor.Finding;

/** The JSON form of a finding, as {@code log monitor} prints and {@code /api/monitor/findings} serves it. */
public final class FindingJson {

    private FindingJson() {}

    public static Map<String, Object> of(Finding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", f.code().code());
        json.put("found", f.found().toString());
        json.put("origin", f.origin());
        if (f.counterpart() != null) {
            json.put("counterpart", f.counterpart());
        }
        json.put("entries", f.entries());
        json.put("checkpoints", f.checkpoints());
        json.put("proof", f.proof());
        if (f.witness() != null) {
            json.put("witness", f.witness());
        }
        json.put("fields", f.fields());
        json.put("detail", f.detail());
        return json;
    }
}
