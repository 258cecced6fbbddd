package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.Severity;
import org.comity.treaty.Answer;
import org.comity.treaty.Citation;
import org.comity.treaty.Reservation;
import org.comity.treaty.ReservationEffect;

/**
 * A reservation of either State can take this kind of assistance out of the instrument: a provision
 * not applied is a bar; real-time collection limited to listed offences is a bar for conduct outside
 * the list and nothing inside it (a concern where the list cannot be compared). Citations are the
 * reservation's own article, from the catalogue.
 */
final class ReservationExcludesMeasure implements Rule {

    @Override
    public String id() {
        return "reservation-excludes-measure";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("legal-basis"), Attribution.treaty("reservation-real-time"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        // Every kind has its articles: checked when the citations file is read.
        var measureArticles = context.citations().of(input.measure().citationKey());
        for (var option : context.legalBasis().instruments()) {
            if (!option.instrument().equals(input.legalBasis()) || option.answer() == Answer.NO) {
                continue;
            }
            for (Reservation r : option.limitations()) {
                switch (r.effect()) {
                    case ReservationEffect.ArticleNotApplied a -> {
                        if (sameArticle(r.article(), measureArticles)) {
                            findings.add(
                                    id(),
                                    Severity.BAR,
                                    context.treaty("legal-basis"),
                                    cited(context, r, "legal-basis"),
                                    Findings.message(
                                            "reservation-excludes-measure.not-applied",
                                            "party",
                                            r.party().value(),
                                            "kind",
                                            r.kind().name().toLowerCase(java.util.Locale.ROOT),
                                            "article",
                                            r.article().text(),
                                            "measure",
                                            "@measure." + input.measure().code(),
                                            "instrument",
                                            context.instrumentWord()),
                                    List.of("kind", "legalBasis"));
                        }
                    }
                    case ReservationEffect.RealTimeCollectionLimited limited -> {
                        if (limited.limits(input.measure())) {
                            realTimeLimited(context, findings, r, limited);
                        }
                    }
                    case ReservationEffect.PreservationRequiresDualCriminality p -> {
                        // Read by the dual-criminality rule, which knows the offences.
                    }
                    case ReservationEffect.CentralAuthority c -> {}
                    case ReservationEffect.AcceptedLanguages l -> {}
                }
            }
        }
    }

    /**
     * A reservation limiting real-time collection binds: the request's conduct is compared with the
     * reservation's list. Entries written as conduct codes are applied; an offence outside a list made only
     * of codes is a bar. Where the list (or an offence) is plain words the engine cannot compare, the
     * reviewer compares them: a concern, never silence and never a guess.
     */
    private void realTimeLimited(
            Context context, Findings findings, Reservation r, ReservationEffect.RealTimeCollectionLimited limited) {
        var codes = new java.util.HashSet<ConductCode>();
        var words = new ArrayList<String>();
        for (String entry : limited.offences()) {
            var code = conductCode(entry.strip());
            if (code == null) {
                words.add(entry.strip());
            } else {
                codes.add(code);
            }
        }
        var outside = new ArrayList<ChargedView>();
        var unknown = new ArrayList<ChargedView>();
        for (var offence : context.offences()) {
            var conduct = offence.charged().conduct();
            if (conduct.isEmpty()) {
                unknown.add(offence);
            } else if (conduct.stream().noneMatch(codes::contains)) {
                outside.add(offence);
            }
        }
        if (outside.isEmpty() && unknown.isEmpty()) {
            return;
        }
        var fields = new ArrayList<String>(List.of("kind"));
        if (!outside.isEmpty() && words.isEmpty()) {
            outside.forEach(o -> fields.add(o.field("conduct")));
            findings.add(
                    id(),
                    Severity.BAR,
                    context.treaty("reservation-real-time"),
                    cited(context, r, "reservation-real-time"),
                    Findings.message(
                            "reservation-excludes-measure.real-time-outside",
                            "party",
                            r.party().value(),
                            "kind",
                            r.kind().name().toLowerCase(java.util.Locale.ROOT),
                            "article",
                            r.article().text(),
                            "listed",
                            limited.offences(),
                            "offences",
                            outside.stream().map(ChargedView::label).toList(),
                            "count",
                            outside.size(),
                            "instrument",
                            context.instrumentWord()),
                    fields);
            return;
        }
        var toCompare = new ArrayList<ChargedView>(outside);
        toCompare.addAll(unknown);
        toCompare.forEach(o -> fields.add(o.field("conduct")));
        findings.add(
                id(),
                Severity.CONCERN,
                context.treaty("reservation-real-time"),
                cited(context, r, "reservation-real-time"),
                Findings.message(
                        "reservation-excludes-measure.real-time-compare",
                        "party",
                        r.party().value(),
                        "kind",
                        r.kind().name().toLowerCase(java.util.Locale.ROOT),
                        "article",
                        r.article().text(),
                        "listed",
                        limited.offences(),
                        "offences",
                        toCompare.stream().map(ChargedView::label).toList(),
                        "count",
                        toCompare.size(),
                        "inWords",
                        words.isEmpty() ? "no" : "yes"),
                fields);
    }

    private static ConductCode conductCode(String entry) {
        try {
            return new ConductCode(entry);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameArticle(Citation reserved, List<Citation> measure) {
        return measure.stream()
                .anyMatch(m -> m.instrument().equals(reserved.instrument())
                        && m.article().equals(reserved.article()));
    }

    private static List<Citation> cited(Context context, Reservation r, String key) {
        var all = new ArrayList<Citation>();
        all.add(r.article());
        context.citations().forInstrument(context.instrument(), List.of(key)).stream()
                .filter(c -> !all.contains(c))
                .forEach(all::add);
        return all;
    }
}
