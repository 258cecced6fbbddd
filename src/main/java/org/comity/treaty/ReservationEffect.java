package org.comity.treaty;

import java.util.List;

/**
 * What a reservation or declaration does, in terms the engine and the safeguards understand. A closed
 * set: a new kind of effect is a code change, reviewed like one.
 */
public sealed interface ReservationEffect {

    /** Stable code used in files and the API. */
    String code();

    /** One sentence for people. */
    String describe();

    /** Refuses expedited preservation without dual criminality for offences outside the convention. */
    record PreservationRequiresDualCriminality() implements ReservationEffect {
        public String code() {
            return "preservation-requires-dual-criminality";
        }

        public String describe() {
            return "refuses expedited preservation without dual criminality for offences that are not"
                    + " convention offences";
        }
    }

    /** Limits real-time collection of traffic data to the listed offences. */
    record RealTimeCollectionLimited(List<String> offences) implements ReservationEffect {
        public RealTimeCollectionLimited {
            offences = List.copyOf(offences);
            if (offences.isEmpty() || offences.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("list the offences real-time collection is limited to");
            }
        }

        public String code() {
            return "real-time-collection-limited";
        }

        /** Whether this reservation limits requests of that kind: real-time collection of traffic data. */
        public boolean limits(KindOfAssistance kind) {
            return kind.continuing() && !kind.seeksContent();
        }

        public String describe() {
            return "limits real-time collection of traffic data to: " + String.join("; ", offences);
        }
    }

    /** Does not apply the cited article (or paragraph) at all. */
    record ArticleNotApplied() implements ReservationEffect {
        public String code() {
            return "article-not-applied";
        }

        public String describe() {
            return "does not apply the cited provision";
        }
    }

    /** Designates the central authority for requests under the instrument. */
    record CentralAuthority(String authority) implements ReservationEffect {
        public CentralAuthority {
            if (authority == null || authority.isBlank()) {
                throw new IllegalArgumentException("name the designated central authority");
            }
        }

        public String code() {
            return "central-authority";
        }

        public String describe() {
            return "designates as central authority: " + authority;
        }
    }

    /** Languages in which requests are accepted (ISO 639-1 codes). */
    record AcceptedLanguages(List<String> languages) implements ReservationEffect {
        public AcceptedLanguages {
            languages = List.copyOf(languages);
            if (languages.isEmpty() || languages.stream().anyMatch(l -> !l.matches("[a-z]{2}"))) {
                throw new IllegalArgumentException("languages are ISO 639-1 codes such as en, fr");
            }
        }

        public String code() {
            return "accepted-languages";
        }

        public String describe() {
            return "accepts requests in: " + String.join(", ", languages);
        }
    }
}
