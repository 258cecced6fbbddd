package org.comity.treaty;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a request can ask for (domain.md §4): one vocabulary, owned here because each kind is defined by
 * an article of the instruments this module catalogues, and its reservations are made against those
 * articles. Casework writes requests in it, the safeguards read it, the public log carries its codes.
 * Rules depend on a kind's properties, never on which kind it is; each kind's articles are data, under
 * the citation key {@link #citationKey()}, checked when the node starts.
 *
 * <p>The code is the stable name other modules and the public log use; the Java name may change, the
 * code may not.
 */
public enum KindOfAssistance {
    // coercive, continuing, intrusiveness, preserves, follows a preservation, emergency, surrender,
    // unrequested, data it may seek
    // may seek
    EXPEDITED_PRESERVATION(true, false, 1, true, false, false, false, false, EnumSet.allOf(DataCategory.class)),
    PRESERVED_TRAFFIC_DISCLOSURE(true, false, 2, false, true, false, false, false, EnumSet.of(DataCategory.TRAFFIC)),
    STORED_DATA(true, false, 3, false, false, false, false, false, EnumSet.allOf(DataCategory.class)),
    REAL_TIME_TRAFFIC(true, true, 4, false, false, false, false, false, EnumSet.of(DataCategory.TRAFFIC)),
    INTERCEPTION(
            true, true, 5, false, false, false, false, false, EnumSet.of(DataCategory.CONTENT, DataCategory.TRAFFIC)),
    EMERGENCY_DISCLOSURE(true, false, 3, false, false, true, false, false, EnumSet.allOf(DataCategory.class)),
    EXTRADITION(true, false, 0, false, false, false, true, false, EnumSet.noneOf(DataCategory.class)),
    SPONTANEOUS_INFORMATION(false, false, 0, false, false, false, false, true, EnumSet.noneOf(DataCategory.class));

    private final boolean coercive;
    private final boolean continuing;
    private final int intrusiveness;
    private final boolean preserves;
    private final boolean followsPreservation;
    private final boolean emergency;
    private final boolean surrender;
    private final boolean unrequested;
    private final Set<DataCategory> maySeek;

    KindOfAssistance(
            boolean coercive,
            boolean continuing,
            int intrusiveness,
            boolean preserves,
            boolean followsPreservation,
            boolean emergency,
            boolean surrender,
            boolean unrequested,
            Set<DataCategory> maySeek) {
        this.coercive = coercive;
        this.continuing = continuing;
        this.intrusiveness = intrusiveness;
        this.preserves = preserves;
        this.followsPreservation = followsPreservation;
        this.emergency = emergency;
        this.surrender = surrender;
        this.unrequested = unrequested;
        this.maySeek = Set.copyOf(maySeek);
    }

    /** A coercive measure needs the conditions and safeguards of domain.md §4.2 stated up front. */
    public boolean coercive() {
        return coercive;
    }

    /** Collects over a period going forward (real-time collection, interception), so it states a duration. */
    public boolean continuing() {
        return continuing;
    }

    /**
     * Where the kind sits on the data-intrusiveness scale of domain.md §2: 0 seeks no data, 1 only keeps
     * data from deletion, 2 discloses preserved traffic data, 3 discloses stored data, 4 collects traffic
     * in real time, 5 intercepts content.
     */
    public int intrusiveness() {
        return intrusiveness;
    }

    /** Keeps data from deletion and discloses nothing (UNCC Art 42, Budapest Art 29). */
    public boolean preserves() {
        return preserves;
    }

    /** Discloses what an earlier preservation kept, so it carries that request's footing. */
    public boolean followsPreservation() {
        return followsPreservation;
    }

    /** Sent through the 24/7 network for an imminent risk to life or safety. */
    public boolean emergency() {
        return emergency;
    }

    /** Surrenders a person rather than providing evidence. */
    public boolean surrender() {
        return surrender;
    }

    /** Sent without a request, so no offence need be stated. */
    public boolean unrequested() {
        return unrequested;
    }

    /** The data categories a request of this kind may seek; empty when it seeks none. */
    public Set<DataCategory> maySeek() {
        return maySeek;
    }

    /** Asks a service provider (or the requested State) for electronic data. */
    public boolean seeksData() {
        return !maySeek.isEmpty();
    }

    /** Electronic evidence, as opposed to extradition or information sent without a request. */
    public boolean evidence() {
        return seeksData();
    }

    /** Seeks content as such: a request of this kind that asks for no content data asks for the wrong thing. */
    public boolean seeksContent() {
        return continuing && maySeek.contains(DataCategory.CONTENT);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The key, in the safeguards' citations file, of the articles that provide for this kind. */
    public String citationKey() {
        return "measure." + code();
    }

    public static KindOfAssistance ofCode(String code) {
        for (KindOfAssistance kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind of assistance '" + code + "'");
    }
}
