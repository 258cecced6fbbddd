package org.comity.transparency.domain.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something a monitor saw that a log or a witness should not have done. Everything in it comes from
 * the logs' public resources or from closed code lists, so it can be published as it is; the evidence
 * (origins, entry indexes, signed checkpoint texts) lets anyone re-check it against the logs.
 *
 * @param code what was seen
 * @param origin the log it concerns (for a pair: the log of the entry that waited)
 * @param counterpart for {@code unpaired} and {@code pair-disagrees}: the other State's log
 * @param entries entry indexes: in {@code origin}'s log, then (for a pair) in the counterpart's
 * @param checkpoints signed notes as served: the checkpoint seen before and the new one (for
 *     checkpoint findings), or the counterpart's checkpoint whose tree lacks the entry ({@code unpaired})
 * @param proof the consistency proof that failed, base64 hashes (empty when none could be built)
 * @param witness for {@code witness-cosigned-inconsistent}: the witness's name in the policy
 * @param fields for {@code pair-disagrees}: the entry keys that differ
 * @param detail what was checked, in words generated from the codes above (never typed by a person)
 */
public record Finding(
        Code code,
        Instant found,
        String origin,
        @Nullable String counterpart,
        List<Long> entries,
        List<String> checkpoints,
        List<String> proof,
        @Nullable String witness,
        List<String> fields,
        String detail) {

    /** The closed set of findings. */
    public enum Code {
        /** A log's new checkpoint is not consistent with one the monitor verified before. */
        INCONSISTENT_CHECKPOINT("inconsistent-checkpoint"),
        /** One witness cosigned two checkpoints of one log that are not consistent. */
        WITNESS_COSIGNED_INCONSISTENT("witness-cosigned-inconsistent"),
        /** An entry's pairing token has no counterpart in the other State's log after the grace period. */
        UNPAIRED("unpaired"),
        /** The two entries of a pair differ in kind, legal basis, day or outcome. */
        PAIR_DISAGREES("pair-disagrees");

        private final String code;

        Code(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Code fromCode(String code) {
            for (Code c : values()) {
                if (c.code.equals(code)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown finding code '" + code + "'");
        }
    }

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(origin, "origin");
        entries = List.copyOf(entries);
        checkpoints = List.copyOf(checkpoints);
        proof = List.copyOf(proof);
        fields = List.copyOf(fields);
        Objects.requireNonNull(detail, "detail");
    }
}
