package org.comity.treaty.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.comity.shared.InvalidInput;
import org.comity.treaty.Standing;
import org.junit.jupiter.api.Test;

/** The {@code standing} column: confirmed or reported, and files without it still read. */
class ActionsFileStandingTest {

    static final ReferenceData DATA = ReferenceData.load(false);

    ActionsFile file() {
        return new ActionsFile(DATA.catalogue(), DATA.states());
    }

    @Test
    void aReportedRowIsReadAsReported() {
        var actions = file().read(
                        String.join(",", ActionsFile.HEADER) + "\n"
                                + "UNCC,QA,ratification,unknown,press report,2026-03-01,deposit not confirmed,reported\n"
                                + "UNCC,QA,signature,2025-10-25,depositary,2025-11-19,,confirmed\n",
                        "admin",
                        true);
        assertThat(actions).extracting(a -> a.standing()).containsExactly(Standing.REPORTED, Standing.CONFIRMED);
    }

    @Test
    void theSevenColumnHeaderStillReadsAndEveryRowIsConfirmed() {
        var actions = file().read(
                        "instrument,party,action,date,source,as_of,note\n"
                                + "UNCC,QA,signature,2025-10-25,depositary,2025-11-19,\n",
                        "admin",
                        true);
        assertThat(actions)
                .singleElement()
                .satisfies(a -> assertThat(a.confirmed()).isTrue());
    }

    @Test
    void anUnknownStandingIsAProblemNamingItsLineAndField() {
        assertThatThrownBy(() -> file().read(
                                String.join(",", ActionsFile.HEADER) + "\n"
                                        + "UNCC,QA,signature,2025-10-25,depositary,2025-11-19,,rumoured\n",
                                "admin",
                                true))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("line 2: standing");
                            assertThat(v.rule()).isEqualTo("unknown-standing");
                        }));
    }

    @Test
    void anExportCarriesTheStandingAndReadsBackTheSame() {
        var shipped = DATA.actions();
        var again = file().read(ActionsFile.write(shipped), "shipped", false);
        assertThat(again)
                .extracting(a -> a.standing())
                .isEqualTo(shipped.stream().map(a -> a.standing()).toList());
    }
}
