package org.comity.treaty.domain;

import java.time.LocalDate;

/** Where a period lands: on the day it ends, or on the first day of the following month. */
public sealed interface EffectiveDay {

    LocalDate from(LocalDate endOfPeriod);

    String code();

    /** "on the ninetieth day after": the day the period ends. */
    record ThatDay() implements EffectiveDay {
        public LocalDate from(LocalDate endOfPeriod) {
            return endOfPeriod;
        }

        public String code() {
            return "that-day";
        }
    }

    /** "the first day of the month following the expiration of a period of three months" (CoE clauses). */
    record FirstDayOfFollowingMonth() implements EffectiveDay {
        public LocalDate from(LocalDate endOfPeriod) {
            return endOfPeriod.withDayOfMonth(1).plusMonths(1);
        }

        public String code() {
            return "first-day-of-following-month";
        }
    }
}
