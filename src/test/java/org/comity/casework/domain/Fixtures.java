package org.comity.casework.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.comity.accounts.Role;
import org.comity.casework.domain.RequestContent.Authority;
import org.comity.casework.domain.RequestContent.DataSought;
import org.comity.casework.domain.RequestContent.Identifier;
import org.comity.casework.domain.RequestContent.MeasureSafeguards;
import org.comity.casework.domain.RequestContent.Offence;
import org.comity.casework.domain.RequestContent.Subject;
import org.comity.casework.domain.RequestContent.Urgency;
import org.comity.shared.CountryCode;
import org.comity.treaty.DataCategory;

/** Requests between fictional States for domain tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Actor CASEWORKER = new Actor("cw", Set.of(Role.CASEWORKER));
    static final Actor REVIEWER = new Actor("lr", Set.of(Role.LEGAL_REVIEWER));
    static final Actor SUPERVISOR = new Actor("sv", Set.of(Role.SUPERVISOR));
    static final Actor SUPERVISING_REVIEWER = new Actor("lr2", Set.of(Role.LEGAL_REVIEWER, Role.SUPERVISOR));

    private Fixtures() {}

    static TimeLimits limits() {
        try {
            return TimeLimits.parse(Files.readAllLines(Path.of("src/main/resources/casework/time-limits.csv")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A complete request for stored subscriber data, from XA to XB. */
    static RequestContent storedData() {
        return new RequestContent(
                new Authority("Central Authority of Xanadu", CountryCode.of("XA")),
                new Authority("Ministry of Justice of Xebia", CountryCode.of("XB")),
                "UNCC",
                List.of(new Offence(
                        "Penal Code s. 301",
                        Set.of(new org.comity.jurisdiction.ConductCode("ict-theft-or-fraud")),
                        96)),
                "Online fraud against 200 pensioners through a fake investment site.",
                List.of(new Subject(
                        Subject.Role.ACCOUNT_HOLDER,
                        null,
                        null,
                        null,
                        List.of(new Identifier(
                                Identifier.Type.IP_ADDRESS,
                                "203.0.113.7",
                                Instant.parse("2026-01-10T12:00:00Z"),
                                "Europe/Paris")))),
                new DataSought(
                        Set.of(DataCategory.SUBSCRIBER),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-31T00:00:00Z"),
                        "Example Hosting Ltd"),
                "Identify the operator of the site for prosecution.",
                new Urgency(Urgency.Level.NORMAL, null),
                new MeasureSafeguards("Investigating judge, Xanadu City", true, "CCP art. 12", "Narrow period", null),
                new RequestContent.Confidentiality(true, LocalDate.parse("2027-01-01")),
                new RequestContent.UseConditions(true, true, null));
    }

    static RequestContent empty() {
        return new RequestContent(null, null, null, List.of(), null, List.of(), null, null, null, null, null, null);
    }
}
