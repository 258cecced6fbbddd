package org.comity.casework.ui;

import static org.comity.casework.ui.Posted.INDEX;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Rows added and removed by submit buttons ({@code add:offences}, {@code
 * remove:subjects[0].identifiers[1]}), without JavaScript, on the posted inputs, so every value typed so
 * far is kept.
 */
final class RowEdits {

    private RowEdits() {}

    /** Adds or removes a row; adding beyond a list's bound adds nothing and reports it on the list. */
    static Map<String, List<String>> edit(Map<String, List<String>> params, String edit, List<Violation> problems) {
        var result = new LinkedHashMap<String, List<String>>(params);
        if (edit.startsWith("remove:")) {
            var row = edit.substring("remove:".length());
            if (row.matches("(offences|subjects|priorProceedings)" + INDEX + "(\\.identifiers" + INDEX + ")?")) {
                int removedSubject = row.matches("subjects" + INDEX)
                        ? new Posted(result).rows("subjects").indexOf(row)
                        : -1;
                result.keySet().removeIf(k -> k.startsWith(row + "."));
                if (removedSubject >= 0) {
                    renumberPriorSubjects(result, removedSubject, problems);
                }
            }
            return result;
        }
        if (!edit.startsWith("add:")) {
            return result;
        }
        var list = edit.substring("add:".length());
        var rows = new Posted(result).rows(list);
        int next = rows.isEmpty() ? 0 : index(rows.getLast()) + 1;
        String first;
        int max;
        if (list.equals("offences")) {
            first = ".domesticProvision";
            max = OffenceForm.MAX_OFFENCES;
        } else if (list.equals("subjects")) {
            first = ".name";
            max = SubjectsForm.MAX_SUBJECTS;
        } else if (list.equals("priorProceedings")) {
            first = ".reference";
            max = SubjectsForm.MAX_PRIOR_PROCEEDINGS;
        } else if (list.matches("subjects" + INDEX + "\\.identifiers")) {
            first = ".value";
            max = SubjectsForm.MAX_IDENTIFIERS;
        } else {
            return result;
        }
        if (rows.size() >= max) {
            problems.add(Inputs.tooMany(list, max));
            return result;
        }
        result.put(list + "[" + next + "]" + first, List.of(""));
        if (list.equals("subjects")) {
            result.put(list + "[" + next + "].identifiers[0].value", List.of(""));
        }
        return result;
    }

    /**
     * Where focus goes when the page comes back from {@link #edit} (the id of one element, which gets
     * {@code autofocus}), so a keyboard or screen reader user carries on where the button was: the first
     * field of an added row; the "Add" button of the list a row was removed from; or, when the edit
     * raised a problem (a full list, a proceeding left without its subject), the first one's field.
     *
     * @param params the inputs after the edit, row indexes as posted
     * @param form the form read from them, rows numbered by position as the page shows them
     */
    static @Nullable String focusAfter(
            String edit, Map<String, List<String>> params, ContentForm form, List<Violation> problems) {
        if (!problems.isEmpty()) {
            return problems.getFirst().field();
        }
        var offences = form.offence().offences();
        var subjects = form.subjects().subjects();
        var prior = form.subjects().priorProceedings();
        var subjectRows = new Posted(params).rows("subjects");
        var identifiers = Pattern.compile("(subjects" + INDEX + ")\\.identifiers(" + INDEX + ")?");
        if (edit.startsWith("add:")) {
            var list = edit.substring("add:".length());
            var m = identifiers.matcher(list);
            if (list.equals("offences") && !offences.isEmpty()) {
                return "offences[" + (offences.size() - 1) + "].domesticProvision";
            } else if (list.equals("subjects") && !subjects.isEmpty()) {
                return "subjects[" + (subjects.size() - 1) + "].role";
            } else if (list.equals("priorProceedings") && !prior.isEmpty()) {
                return "priorProceedings[" + (prior.size() - 1) + "].state";
            } else if (m.matches() && m.group(3) == null) {
                int subject = subjectRows.indexOf(m.group(1));
                if (subject >= 0 && subject < subjects.size()) {
                    int last = subjects.get(subject).identifiers().size() - 1;
                    return last < 0 ? null : "subjects[" + subject + "].identifiers[" + last + "].type";
                }
            }
            return null;
        }
        if (edit.startsWith("remove:")) {
            var row = edit.substring("remove:".length());
            var m = identifiers.matcher(row);
            if (m.matches() && m.group(3) != null) {
                int subject = subjectRows.indexOf(m.group(1));
                return subject < 0 ? null : "add:subjects[" + subject + "].identifiers";
            }
            return row.matches("(offences|subjects|priorProceedings)" + INDEX) ? "add:" + Inputs.head(row) : null;
        }
        return null;
    }

    /**
     * A prior proceeding names its subject by position in the list, so removing the subject at {@code
     * removed} moves the later ones up: proceedings against them follow. A proceeding against the removed
     * person is left without a subject and says so next to its field, rather than silently pointing at
     * whoever now holds that position.
     */
    private static void renumberPriorSubjects(Map<String, List<String>> params, int removed, List<Violation> problems) {
        var prior = new Posted(params).rows("priorProceedings");
        for (int position = 0; position < prior.size(); position++) {
            var input = prior.get(position) + ".subject";
            var value = params.get(input);
            if (value == null || value.isEmpty() || Inputs.blank(value.getFirst())) {
                continue;
            }
            int subject;
            try {
                subject = Integer.parseInt(value.getFirst().strip());
            } catch (NumberFormatException e) {
                continue;
            }
            if (subject == removed) {
                params.put(input, List.of(""));
                // Named as the row will be shown: rows are numbered by position when the form is read.
                problems.add(new Violation(
                        "priorProceedings[" + position + "].subject",
                        "prior-subject-removed",
                        "the person this proceeding was against was removed; choose the subject again or"
                                + " leave it empty"));
            } else if (subject > removed) {
                params.put(input, List.of(Integer.toString(subject - 1)));
            }
        }
    }

    private static int index(String row) {
        return Integer.parseInt(row.substring(row.lastIndexOf('[') + 1, row.length() - 1));
    }
}
