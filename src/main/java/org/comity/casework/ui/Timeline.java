package org.comity.casework.ui;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
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
 */
final class Timeline {

    /** A piece of a line: plain text, text someone typed ({@code user}), or a moment ({@code time}). */
    record Segment(String kind, String text, @Nullable String iso) {
        static Segment text(String text) {
            return new Segment("text", text, null);
        }
    }

    /** One audit entry and what to say for it; {@code english} when it has no codes (shown as English). */
    record Line(AuditEntry entry, List<Segment> segments, boolean english) {}

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
        return entries.stream().map(this::line).toList();
    }

    Line line(AuditEntry entry) {
        if (entry.actions() == null) {
            return new Line(entry, List.of(Segment.text(entry.action())), true);
        }
        var segments = new ArrayList<Segment>();
        for (AuditAction action : entry.actions()) {
            if (!segments.isEmpty()) {
                segments.add(Segment.text(messages.getMessage("audit.separator", null, "; ", locale)));
            }
            var said = say(action);
            if (said == null) {
                return new Line(entry, List.of(Segment.text(entry.action())), true);
            }
            segments.addAll(said);
        }
        if (Boolean.TRUE.equals(entry.assessmentFailed())) {
            segments.add(Segment.text(
                    " " + messages.getMessage("audit.not-assessed", null, AuditAction.NOT_ASSESSED.strip(), locale)));
        }
        return new Line(entry, segments, false);
    }

    private @Nullable List<Segment> say(AuditAction action) {
        var arguments = action.kind().arguments();
        Object[] markers = new Object[arguments.size()];
        for (int i = 0; i < markers.length; i++) {
            markers[i] = "\uE000" + i + "\uE001";
        }
        var text = message("audit." + action.code(), markers.length == 0 ? null : markers);
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
            int index = Integer.parseInt(matcher.group(1));
            segments.add(argument(arguments.get(index), action.args().get(index)));
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
}
