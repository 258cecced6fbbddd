package org.comity.safeguards;

import java.util.Locale;

/**
 * The kind of assistance a request asks for, with the codes casework and the public log use, and the
 * properties the rules depend on. Intrusiveness follows domain.md §2: subscriber &lt; traffic &lt; stored
 * content &lt; real-time traffic &lt; interception of content.
 */
public enum Measure {
    EXPEDITED_PRESERVATION(true, true),
    PRESERVED_TRAFFIC_DISCLOSURE(true, true),
    STORED_DATA(true, true),
    REAL_TIME_TRAFFIC(true, true),
    INTERCEPTION(true, true),
    EMERGENCY_DISCLOSURE(true, true),
    EXTRADITION(true, false),
    SPONTANEOUS_INFORMATION(false, false);

    private final boolean coercive;
    private final boolean seeksData;

    Measure(boolean coercive, boolean seeksData) {
        this.coercive = coercive;
        this.seeksData = seeksData;
    }

    public boolean coercive() {
        return coercive;
    }

    public boolean seeksData() {
        return seeksData;
    }

    /** Electronic evidence, as opposed to extradition or information sent without a request. */
    public boolean evidence() {
        return seeksData;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Measure ofCode(String code) {
        for (Measure m : values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown kind of assistance '" + code + "'");
    }
}
