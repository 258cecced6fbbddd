package org.comity.casework.letter;

import org.jspecify.annotations.Nullable;

/**
 * Bidirectional text in letters. A run of Latin script in an Arabic letter (an authority's name, the
 * instrument "Budapest Convention (ETS No. 185)") must be laid out as one unit: left alone, its
 * neutral characters (parentheses, digits, commas) join the surrounding right-to-left text and the
 * name is split and reordered, and two names separated by an Arabic comma merge into one run. Each
 * such value goes into a {@code <bdi>} with its own direction, which openhtmltopdf lays out as an
 * isolated run.
 */
final class Bidi {

    private Bidi() {}

    /** {@code ltr} or {@code rtl} from the first strong character; the letter's own direction when none. */
    static String dir(@Nullable String text, boolean rightToLeft) {
        if (text != null) {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                byte d = Character.getDirectionality(cp);
                if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                    return "ltr";
                }
                if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                    return "rtl";
                }
                i += Character.charCount(cp);
            }
        }
        return rightToLeft ? "rtl" : "ltr";
    }

    /**
     * The text escaped for XHTML, inside {@code <bdi dir="…">} when its direction is not the letter's: for a message argument printed with
     * {@code th:utext}, where the sentence is the bundle's (trusted) and only the argument is user text.
     */
    static String isolate(@Nullable String text, boolean rightToLeft) {
        var value = text == null ? "" : text;
        var out = new StringBuilder(value.length() + 24);
        // Text in the letter's own direction needs no isolate (and PDF text extraction mirrors the
        // parentheses of "شيلي (CL)" when it has one).
        boolean isolated = !dir(value, rightToLeft).equals(rightToLeft ? "rtl" : "ltr");
        if (isolated) {
            out.append("<bdi dir=\"").append(dir(value, rightToLeft)).append("\">");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return (isolated ? out.append("</bdi>") : out).toString();
    }
}
