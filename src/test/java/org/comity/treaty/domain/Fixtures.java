package org.comity.treaty.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Certainty;
import org.comity.treaty.Citation;
import org.comity.treaty.Standing;
import org.comity.treaty.TreatyAction;

/** Fictional instruments with the shipped rules' parameters, and fictional States (XA–XZ, QM–QZ). */
final class Fixtures {

    static final CountryCode REIO = CountryCode.of("QZ");

    private Fixtures() {}

    static Article article(String number, String... paragraphs) {
        var map = new java.util.HashMap<String, Article.Paragraph>();
        for (String p : paragraphs) {
            map.put(p, new Article.Paragraph(p, "paragraph " + p, Certainty.C, Optional.empty()));
        }
        return new Article(number, "Article " + number, true, Certainty.C, map);
    }

    static Citation cite(String instrument, String article, String paragraph) {
        return new Citation(instrument, article, Optional.of(paragraph), Certainty.C, "Article " + article);
    }

    /** Like the UNCC: 40 instruments, 90th day; later parties 30th day, not before; REIO not additional. */
    static InstrumentDefinition global() {
        var rule = new ThresholdRule(
                40,
                Set.of(ActionType.RATIFICATION, ActionType.ACCEPTANCE, ActionType.APPROVAL, ActionType.ACCESSION),
                false,
                Optional.empty(),
                Optional.of(new Timing(Period.ofDays(90), new EffectiveDay.ThatDay())),
                List.of(cite("XUNCC", "65", "1")),
                new ThresholdRule.LaterPartyRule(
                        Optional.of(new Timing(Period.ofDays(30), new EffectiveDay.ThatDay())),
                        true,
                        List.of(cite("XUNCC", "65", "2"))));
        var denunciation =
                new DenunciationRule(Optional.of(new Timing(Period.ofYears(1), new EffectiveDay.ThatDay())), List.of());
        return new InstrumentDefinition(
                "XUNCC",
                InstrumentKind.GLOBAL,
                "Fictional global convention",
                "Global",
                Optional.empty(),
                Optional.of(rule),
                Optional.of(denunciation),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                "test",
                Optional.empty(),
                Map.of("65", article("65", "1", "2"), "42", article("42", "3")),
                Optional.empty());
    }

    /** Like Budapest: 5 incl. 3 from a group, first day of the month after three months. */
    static InstrumentDefinition regional(Set<CountryCode> group) {
        var firstOfMonth = new Timing(Period.ofMonths(3), new EffectiveDay.FirstDayOfFollowingMonth());
        var rule = new ThresholdRule(
                5,
                Set.of(ActionType.RATIFICATION, ActionType.ACCEPTANCE, ActionType.APPROVAL),
                true,
                Optional.of(new ThresholdRule.GroupMinimum(new Group("members", "members", Optional.of(group)), 3)),
                Optional.of(firstOfMonth),
                List.of(cite("XETS", "36", "3")),
                new ThresholdRule.LaterPartyRule(Optional.of(firstOfMonth), true, List.of(cite("XETS", "37", "2"))));
        return new InstrumentDefinition(
                "XETS",
                InstrumentKind.REGIONAL,
                "Fictional regional convention",
                "Regional",
                Optional.empty(),
                Optional.of(rule),
                Optional.of(new DenunciationRule(Optional.of(firstOfMonth), List.of())),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                "test",
                Optional.empty(),
                Map.of("36", article("36", "3"), "37", article("37", "2")),
                Optional.empty());
    }

    static TreatyAction action(String instrument, String party, ActionType type, String date) {
        return new TreatyAction(
                instrument,
                CountryCode.of(party),
                type,
                date == null ? Optional.empty() : Optional.of(LocalDate.parse(date)),
                "test",
                Optional.of(LocalDate.parse("2026-01-01")),
                Optional.empty(),
                "test",
                Standing.CONFIRMED);
    }

    /** {@code n} fictional States XA, XB, … then QA-style codes QM… as needed (n ≤ 40). */
    static List<String> states(int n) {
        var codes = new ArrayList<String>();
        for (char c = 'A'; c <= 'Z' && codes.size() < n; c++) {
            codes.add("X" + c);
        }
        for (char c = 'M'; c <= 'Y' && codes.size() < n; c++) {
            codes.add("Q" + c);
        }
        for (char c = 'A'; codes.size() < n; c++) {
            codes.add("A" + c);
        }
        return codes;
    }
}
