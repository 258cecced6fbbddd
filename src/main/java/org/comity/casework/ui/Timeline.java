package org.comity.casework.ui;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.casework.AttachmentInfo;
import org.comity.casework.AuditEntry;
import org.comity.casework.domain.AuditAction;
import org.comity.web.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * The audit trail in the reader's language. Each coded action is said by its {@code audit.<code>}
 * message; its arguments are placed as segments rather than formatted into the message, so the
 * template can isolate what people typed in {@code <bdi>} and put moments in {@code <time>}, while
 * every piece is still escaped as text. Lines stored before codes existed show their English text.
 *
 * <p>Attaching a document makes no new version, so it has no audit line: the documents' own
 * append-only records are merged in as lines of their own kind, in time order.
 */
final class Timeline {

    /**
     * A piece of a line: plain text, text someone typed ({@code user}), a moment ({@code time}), an
     * attached document's name ({@code file}, linking to it) or the start of its hash ({@code hash}).
     */
    record Segment(String kind, String text, @Nullable String iso) {
        static Segment text(String text) {
            return new Segment("text", text, null);
        }
    }

    /** One line of the timeline: who did what, when. */
    sealed interface Line permits Audited, Attached {
        Instant at();

        String actor();

        List<Segment> segments();

        /** Said in the English it was stored in (an audit line from before codes). */
        default boolean english() {
            return false;
        }

        /** The audit entry of an audit line, with its versions and states. */
        default @Nullable AuditEntry entry() {
            return null;
        }

        /** The document of an attachment line. */
        default @Nullable AttachmentInfo document() {
            return null;
        }
    }

    /** One audit entry and what to say for it; {@code english} when it has no codes (shown as English). */
    record Audited(AuditEntry entry, List<Segment> segments, boolean english) implements Line {
        @Override
        public Instant at() {
            return entry.at();
        }

        @Override
        public String actor() {
            return entry.actor();
        }
    }

    /** A document attached to the request. */
    record Attached(AttachmentInfo document, List<Segment> segments) implements Line {
        @Override
        public Instant at() {
            return document.uploadedAt();
        }

        @Override
        public String actor() {
            return document.uploadedBy();
        }
    }

    /** The short name of each type a document may have (AttachmentPolicy), said by {@code audit.document-type.<name>}. */
    private static final Map<String, String> TYPE_NAMES = Map.of(
            "application/pdf", "pdf",
            "image/png", "png",
            "image/jpeg", "jpeg",
            "image/tiff", "tiff",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
            "application/vnd.oasis.opendocument.text", "odt",
            "text/plain", "text");

    /** Hex digits of the SHA-256 shown on the line; the documents list shows all 64. */
    static final int HASH_SHOWN = 8;

    // Arguments go into the message as markers, found again in the formatted text and replaced by segments.
    private static final Pattern MARKER = Pattern.compile("\uE000(\\d+)\uE001");

    private final MessageSource messages;
    private final Locale locale;
    private final Times times;

    Timeline(MessageSource messages, Locale locale, Times times) {
        this.messages = messages;
        this.locale = locale;
        this.times = times;
    }

    List<Line> lines(List<AuditEntry> entries) {
        return lines(entries, List.of());
    }

    /**
     * The audit trail in its stored order with the documents (oldest first) merged in by time; a
     * document attached at the same instant as an audit line comes after it.
     */
    List<Line> lines(List<AuditEntry> entries, List<AttachmentInfo> documents) {
        var lines = new ArrayList<Line>(entries.size() + documents.size());
        int d = 0;
        for (AuditEntry entry : entries) {
            while (d < documents.size() && documents.get(d).uploadedAt().isBefore(entry.at())) {
                lines.add(line(documents.get(d++)));
            }
            lines.add(line(entry));
        }
        while (d < documents.size()) {
            lines.add(line(documents.get(d++)));
        }
        return lines;
    }

    Audited line(AuditEntry entry) {
        if (entry.actions() == null) {
            return new Audited(entry, List.of(Segment.text(entry.action())), true);
        }
        var segments = new ArrayList<Segment>();
        for (AuditAction action : entry.actions()) {
            if (!segments.isEmpty()) {
                segments.add(Segment.text(messages.getMessage("audit.separator", null, "; ", locale)));
            }
            var said = say(action);
            if (said == null) {
                return new Audited(entry, List.of(Segment.text(entry.action())), true);
            }
            segments.addAll(said);
        }
        if (Boolean.TRUE.equals(entry.assessmentFailed())) {
            segments.add(Segment.text(
                    " " + messages.getMessage("audit.not-assessed", null, AuditAction.NOT_ASSESSED.strip(), locale)));
        }
        return new Audited(entry, segments, false);
    }

    Attached line(AttachmentInfo document) {
        var type = TYPE_NAMES.get(document.contentType());
        var hash = document.sha256();
        var pieces = List.of(
                new Segment("file", document.fileName(), null),
                Segment.text(
                        type == null
                                ? document.contentType()
                                : messages.getMessage("audit.document-type." + type, null, type, locale)),
                Segment.text(size(document.sizeBytes(), locale)),
                new Segment("hash", hash.substring(0, Math.min(HASH_SHOWN, hash.length())) + "…", null));
        var segments = place("audit.attached-document", pieces);
        return new Attached(
                document, segments == null ? List.of(new Segment("file", document.fileName(), null)) : segments);
    }

    private @Nullable List<Segment> say(AuditAction action) {
        var arguments = action.kind().arguments();
        var pieces = new ArrayList<Segment>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            pieces.add(argument(arguments.get(i), action.args().get(i)));
        }
        return place("audit." + action.code(), pieces);
    }

    /** The message of {@code key} with each argument placeholder replaced by its piece; null if no such message. */
    private @Nullable List<Segment> place(String key, List<Segment> pieces) {
        Object[] markers = new Object[pieces.size()];
        for (int i = 0; i < markers.length; i++) {
            markers[i] = "\uE000" + i + "\uE001";
        }
        var text = message(key, markers.length == 0 ? null : markers);
        if (text == null) {
            return null;
        }
        var segments = new ArrayList<Segment>();
        var matcher = MARKER.matcher(text);
        int from = 0;
        while (matcher.find()) {
            if (matcher.start() > from) {
                segments.add(Segment.text(text.substring(from, matcher.start())));
            }
            segments.add(pieces.get(Integer.parseInt(matcher.group(1))));
            from = matcher.end();
        }
        if (from < text.length()) {
            segments.add(Segment.text(text.substring(from)));
        }
        return segments;
    }

    private Segment argument(AuditAction.Argument kind, String value) {
        return switch (kind) {
            case TEXT -> new Segment("user", value, null);
            case OUTCOME -> Segment.text(messages.getMessage("state." + value, null, value, locale));
            case BASIS -> Segment.text(messages.getMessage("basis." + value, null, value, locale));
            case RULES -> new Segment("hash", value, null);
            case MOMENT -> {
                try {
                    yield new Segment("time", times.at(Instant.parse(value)), value);
                } catch (DateTimeParseException e) {
                    yield new Segment("user", value, null);
                }
            }
        };
    }

    private @Nullable String message(String key, Object @Nullable [] args) {
        return messages.getMessage(key, args, null, locale);
    }

    /** As the documents table says it: bytes under one kilobyte, whole kilobytes (rounded up) above. */
    private String size(long bytes, Locale locale) {
        if (bytes == 1) {
            return messages.getMessage("documents.oneByte", null, "1 byte", locale);
        }
        if (bytes < 1024) {
            return messages.getMessage("documents.bytes", new Object[] {bytes}, bytes + " bytes", locale);
        }
        long kilobytes = (bytes + 1023) / 1024;
        return messages.getMessage("documents.kilobytes", new Object[] {kilobytes}, kilobytes + " KB", locale);
    }
}
