package org.comity.transparency.witness;

import java.time.Clock;
import java.util.Map;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.CosignerVerifier;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.witness.AddCheckpoint;
import org.comity.transparency.domain.witness.Verdict;
import org.comity.transparency.persistence.JdbcWitnessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a C2SP tlog-witness for the logs it follows: judges each {@code add-checkpoint}
 * request ({@link Verdict}), records an accepted checkpoint with a compare-and-set before answering,
 * and cosigns it ({@code cosignature/v1}). A refused request changes nothing.
 */
public final class Witness {

    private static final Logger log = LoggerFactory.getLogger(Witness.class);

    /** The answer to one request. */
    public sealed interface Answer {
        /** 200: the cosignature lines, each ending in a newline. */
        record Cosigned(String lines) implements Answer {}

        /** 409 with the size last cosigned, as {@code text/x.tlog.size}. */
        record SizeConflict(long knownSize, String reason) implements Answer {}

        /** 400, 403, 404 or 422, with a rule code and a reason. */
        record Refused(int status, String rule, String reason) implements Answer {}
    }

    private final JdbcWitnessStore store;
    private final CosignerKey key;
    private final Map<String, NoteVerifier> followed;
    private final Clock clock;

    public Witness(JdbcWitnessStore store, CosignerKey key, Map<String, NoteVerifier> followed, Clock clock) {
        this.store = store;
        this.key = key;
        this.followed = Map.copyOf(followed);
        this.clock = clock;
    }

    public CosignerVerifier verifier() {
        return key.verifier();
    }

    public Map<String, NoteVerifier> followed() {
        return followed;
    }

    public Answer addCheckpoint(byte[] body) {
        AddCheckpoint request;
        try {
            request = AddCheckpoint.parse(body);
        } catch (FormatException e) {
            return new Answer.Refused(400, "witness-request-format", e.getMessage());
        }
        Verdict verdict = Verdict.judge(request, followed, store::known);
        return switch (verdict) {
            case Verdict.Cosign c -> {
                var note = request.checkpoint();
                if (!store.record(c.replaces(), c.checkpoint(), note.serialize(), clock.instant())) {
                    long size = store.known(c.checkpoint().origin())
                            .map(Verdict.Known::size)
                            .orElse(0L);
                    yield new Answer.SizeConflict(size, "another request moved the log to size " + size + " first");
                }
                yield new Answer.Cosigned(
                        key.cosign(note.text(), clock.instant().getEpochSecond())
                                        .line() + "\n");
            }
            case Verdict.Conflict c -> {
                if (request.oldSize() == c.knownSize()) {
                    // Same size, another root: the log signed two trees. Worth an operator's eyes.
                    log.warn("Refused a fork of {}: {}", originOf(request), c.reason());
                }
                yield new Answer.SizeConflict(c.knownSize(), c.reason());
            }
            case Verdict.Inconsistent i -> {
                log.warn("Refused an inconsistent checkpoint of {}: {}", originOf(request), i.reason());
                yield new Answer.Refused(422, "witness-consistency-proof", i.reason());
            }
            case Verdict.UnknownOrigin u ->
                new Answer.Refused(404, "witness-unknown-log", "this witness does not follow the log");
            case Verdict.Forbidden f -> new Answer.Refused(403, "witness-log-signature", f.reason());
            case Verdict.BadRequest b -> new Answer.Refused(400, "witness-old-size", b.reason());
        };
    }

    private static String originOf(AddCheckpoint request) {
        String text = request.checkpoint().text();
        return text.substring(0, text.indexOf('\n'));
    }
}
