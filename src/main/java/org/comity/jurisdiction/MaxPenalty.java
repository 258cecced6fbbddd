package org.comity.jurisdiction;

/**
 * The maximum of an offence's penalty range: what "serious crime" (a maximum deprivation of liberty of
 * at least four years, or a more serious penalty) is measured against. Closed set.
 */
public sealed interface MaxPenalty extends Comparable<MaxPenalty> {

    /** A custodial maximum in months (fines only: zero). */
    record Months(int months) implements MaxPenalty {
        public Months {
            if (months < 0 || months > 12 * 100) {
                throw new IllegalArgumentException("a maximum penalty is between 0 and 1200 months");
            }
        }
    }

    /** Life imprisonment. */
    record Life() implements MaxPenalty {}

    /** The death penalty, which safeguards treat as a bar or a condition depending on policy. */
    record Death() implements MaxPenalty {}

    /** Ordering by severity: any term of months, then life, then death. */
    default int rank() {
        return switch (this) {
            case Months m -> m.months();
            case Life l -> Integer.MAX_VALUE - 1;
            case Death d -> Integer.MAX_VALUE;
        };
    }

    default boolean atLeastMonths(int months) {
        return rank() >= months;
    }

    @Override
    default int compareTo(MaxPenalty other) {
        return Integer.compare(rank(), other.rank());
    }

    static MaxPenalty months(int months) {
        return new Months(months);
    }
}
