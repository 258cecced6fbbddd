package org.comity.transparency;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.comity.transparency.domain.note.CosignerVerifier;
import org.comity.transparency.domain.note.NoteVerifier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node as a witness of other logs, and its own log's witnesses, under {@code comity.witness.*}
 * (see docs/transparency.md, "Witnesses").
 *
 * @param name the witness's cosigner key name; empty means the log origin with {@code /log} replaced
 *     by {@code /witness}
 * @param keyFile the witness key file; empty means {@code <data-dir>/keys/witness.key}
 * @param follow the logs this node witnesses: their verifier keys (the key name is the origin)
 * @param submitTo the witnesses of this node's log: each checkpoint is submitted to them
 * @param quorum how many of {@code submitTo} must cosign (empty: all of them); published in the policy
 * @param publishWait how long a new checkpoint waits for the quorum before it is published with the
 *     cosignatures it has
 * @param timeout how long one add-checkpoint request may take
 */
@ConfigurationProperties("comity.witness")
public record WitnessProperties(
        @Nullable String name,
        @Nullable Path keyFile,
        @DefaultValue List<String> follow,
        @DefaultValue List<Target> submitTo,
        @Nullable Integer quorum,
        @DefaultValue("10s") Duration publishWait,
        @DefaultValue("10s") Duration timeout) {

    /**
     * A witness of this node's log.
     *
     * @param name its name in the policy
     * @param vkey its cosigner verifier key ({@code <name>+<id>+<base64(0x04 || key)>})
     * @param url its submission prefix; {@code /add-checkpoint} is appended
     */
    public record Target(String name, String vkey, String url) {
        public Target {
            CosignerVerifier.parse(vkey);
            var uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("comity.witness.submit-to url must be http(s): " + url);
            }
        }
    }

    public WitnessProperties {
        follow = List.copyOf(follow);
        submitTo = List.copyOf(submitTo);
        follow.forEach(NoteVerifier::parse);
        if (quorum != null && (quorum < 1 || quorum > submitTo.size())) {
            throw new IllegalArgumentException("comity.witness.quorum must be between 1 and the number of witnesses");
        }
        if (publishWait.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("comity.witness publish-wait and timeout must be positive");
        }
    }

    /** The witness key name for a log of {@code origin}, unless one is configured. */
    String nameFor(String origin) {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return (origin.endsWith("/log") ? origin.substring(0, origin.length() - 4) : origin) + "/witness";
    }

    int quorumOrAll() {
        return quorum != null ? quorum : submitTo.size();
    }
}
