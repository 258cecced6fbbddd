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
    EXPEDITED_PRESERVATION(1, EnumSet.of(Trait.COERCIVE, Trait.PRESERVES), EnumSet.allOf(DataCategory.class)),
    PRESERVED_TRAFFIC_DISCLOSURE(
            2, EnumSet.of(Trait.COERCIVE, Trait.FOLLOWS_PRESERVATION), EnumSet.of(DataCategory.TRAFFIC)),
    STORED_DATA(3, EnumSet.of(Trait.COERCIVE), EnumSet.allOf(DataCategory.class)),
    REAL_TIME_TRAFFIC(4, EnumSet.of(Trait.COERCIVE, Trait.CONTINUING), EnumSet.of(DataCategory.TRAFFIC)),
    INTERCEPTION(
            5, EnumSet.of(Trait.COERCIVE, Trait.CONTINUING), EnumSet.of(DataCategory.CONTENT, DataCategory.TRAFFIC)),
    EMERGENCY_DISCLOSURE(3, EnumSet.of(Trait.COERCIVE, Trait.EMERGENCY), EnumSet.allOf(DataCategory.class)),
    EXTRADITION(0, EnumSet.of(Trait.COERCIVE, Trait.SURRENDER), EnumSet.noneOf(DataCategory.class)),
    SPONTANEOUS_INFORMATION(0, EnumSet.of(Trait.UNREQUESTED), EnumSet.noneOf(DataCategory.class));

    /** The yes/no properties a kind has; named, so that no row of the table above is a row of booleans. */
    private enum Trait {
        COERCIVE,
        CONTINUING,
        PRESERVES,
        FOLLOWS_PRESERVATION,
        EMERGENCY,
        SURRENDER,
        UNREQUESTED
    }

    private final int intrusiveness;
    private final Set<Trait> traits;
    private final Set<DataCategory> maySeek;

    KindOfAssistance(int intrusiveness, Set<Trait> traits, Set<DataCategory> maySeek) {
        this.intrusiveness = intrusiveness;
        this.traits = Set.copyOf(traits);
        this.maySeek = Set.copyOf(maySeek);
    }

    /** A coercive measure needs the conditions and safeguards of domain.md §4.2 stated up front. */
    public boolean coercive() {
        return traits.contains(Trait.COERCIVE);
    }

    /** Collects over a period going forward (real-time collection, interception), so it states a duration. */
    public boolean continuing() {
        return traits.contains(Trait.CONTINUING);
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
        return traits.contains(Trait.PRESERVES);
    }

    /** Discloses what an earlier preservation kept, so it carries that request's footing. */
    public boolean followsPreservation() {
        return traits.contains(Trait.FOLLOWS_PRESERVATION);
    }

    /** Sent through the 24/7 network for an imminent risk to life or safety. */
    public boolean emergency() {
        return traits.contains(Trait.EMERGENCY);
    }

    /** Surrenders a person rather than providing evidence. */
    public boolean surrender() {
        return traits.contains(Trait.SURRENDER);
    }

    /** Sent without a request, so no offence need be stated. */
    public boolean unrequested() {
        return traits.contains(Trait.UNREQUESTED);
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
        return continuing() && maySeek.contains(DataCategory.CONTENT);
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
