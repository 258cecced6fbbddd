package org.comity.casework.domain;

import java.util.Locale;

/**
 * What a request asks for (domain.md §4). The code is the stable name other modules and the public log
 * use; the Java name may change, the code may not.
 */
public enum KindOfAssistance {
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

    KindOfAssistance(boolean coercive, boolean seeksData) {
        this.coercive = coercive;
        this.seeksData = seeksData;
    }

    /** A coercive measure needs the conditions and safeguards of domain.md §4.2 stated up front. */
    public boolean coercive() {
        return coercive;
    }

    /** Asks a service provider (or the requested State) for electronic data. */
    public boolean seeksData() {
        return seeksData;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
