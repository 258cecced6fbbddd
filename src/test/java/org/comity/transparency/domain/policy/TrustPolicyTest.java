package org.comity.transparency.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.audit.AuditFailure;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.NoteSigner;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {

    static final NoteSigner LOG = NoteSigner.generate("xa.comity.invalid/log");
    static final List<CosignerKey> W = List.of(
            CosignerKey.generate("x1.example/w"),
            CosignerKey.generate("x2.example/w"),
            CosignerKey.generate("x3.example/w"),
            CosignerKey.generate("y1.example/w"),
            CosignerKey.generate("y2.example/w"));

    /** The spec's example shape: two of the X witnesses and any Y witness. */
    static String example() {
        return """
                # a comment
                log %s https://xa.comity.invalid/log

                witness X1 %s
                witness X2 %s
                witness X3 %s https://x3.example/api/witness
                group X-witnesses 2 X1 X2 X3
                \twitness Y1 %s
                witness Y2 %s
                group Y-witnesses any Y1 Y2
                group X-and-Y all X-witnesses Y-witnesses
                quorum X-and-Y
                """.formatted(
                        LOG.verifier().encoded(),
                        W.get(0).verifier().encoded(),
                        W.get(1).verifier().encoded(),
                        W.get(2).verifier().encoded(),
                        W.get(3).verifier().encoded(),
                        W.get(4).verifier().encoded());
    }

    @Test
    void evaluatesNestedGroups() {
        var policy = TrustPolicy.parse(example());
        assertThat(policy.logs()).hasSize(1);
        assertThat(policy.listsLog(LOG.verifier())).isTrue();
        assertThat(policy.witnesses()).hasSize(5);
        assertThat(policy.satisfiedBy(Set.of("X1", "X2", "Y2"))).isTrue();
        assertThat(policy.satisfiedBy(Set.of("X1", "Y1", "Y2"))).isFalse();
        assertThat(policy.satisfiedBy(Set.of("X1", "X2", "X3"))).isFalse();
        assertThat(TrustPolicy.parse(policy.text())).isEqualTo(policy);
    }

    @Test
    void countsOnlyValidCosignaturesOfItsWitnesses() {
        var policy = TrustPolicy.parse(example());
        var checkpoint = new Checkpoint(LOG.name(), 5, Hash.of(new byte[32]));
        var note = checkpoint
                .sign(LOG)
                .withSignature(W.get(0).cosign(checkpoint.text(), 10))
                .withSignature(W.get(3).cosign(checkpoint.text(), 10))
                .withSignature(CosignerKey.generate("stranger/w").cosign(checkpoint.text(), 10));
        assertThat(policy.cosignatures(note)).containsOnlyKeys("X1", "Y1");
        assertThatThrownBy(() -> policy.requireQuorum(note))
                .isInstanceOfSatisfying(
                        AuditFailure.class, e -> assertThat(e.code()).isEqualTo(AuditFailure.Code.BELOW_QUORUM));
        var enough = note.withSignature(W.get(1).cosign(checkpoint.text(), 11));
        assertThat(policy.requireQuorum(enough)).containsOnlyKeys("X1", "X2", "Y1");
        // A known witness's line over another text rejects the note.
        var other = new Checkpoint(LOG.name(), 6, Hash.of(new byte[32]));
        var forged = note.withSignature(W.get(2).cosign(other.text(), 10));
        assertThatThrownBy(() -> policy.cosignatures(forged))
                .isInstanceOfSatisfying(
                        AuditFailure.class, e -> assertThat(e.code()).isEqualTo(AuditFailure.Code.BAD_SIGNATURE));
    }

    @Test
    void refusesMalformedPolicies() {
        String x1 = "witness X1 " + W.get(0).verifier().encoded() + "\n";
        String x2 = "witness X2 " + W.get(1).verifier().encoded() + "\n";
        for (String bad : List.of(
                x1,
                x1 + "quorum X2\n",
                x1 + "group G 2 X1\nquorum G\n",
                x1 + "group G any X1 X1\nquorum G\n",
                x1 + "quorum X1\nquorum X1\n",
                x1 + "witness X1 " + W.get(1).verifier().encoded() + "\nquorum X1\n",
                x1 + "witness X2 " + W.get(0).verifier().encoded() + "\nquorum X1\n",
                x1 + "group none any X1\nquorum X1\n",
                x1 + x2 + "group G 0 X1 X2\nquorum G\n",
                "witness X1 " + LOG.verifier().encoded() + "\nquorum X1\n",
                "frobnicate\nquorum none\n")) {
            assertThatThrownBy(() -> TrustPolicy.parse(bad)).as(bad).isInstanceOf(FormatException.class);
        }
        assertThat(TrustPolicy.parse("quorum none\n").satisfiedBy(Set.of())).isTrue();
        assertThatThrownBy(() -> TrustPolicy.parse(new byte[] {'q', 0x01, '\n'}))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void aNodesPolicyIsOneGroupWithItsThreshold() {
        var policy = TrustPolicy.of(
                new TrustPolicy.Log(LOG.verifier(), null),
                List.of(
                        new TrustPolicy.Witness("b", W.get(0).verifier(), "http://b/api/witness"),
                        new TrustPolicy.Witness("c", W.get(1).verifier(), "http://c/api/witness")),
                1);
        assertThat(policy.text()).endsWith("group witnesses 1 b c\nquorum witnesses\n");
        assertThat(TrustPolicy.parse(policy.text()).satisfiedBy(Set.of("c"))).isTrue();
        assertThat(TrustPolicy.of(new TrustPolicy.Log(LOG.verifier(), null), List.of(), 0)
                        .text())
                .endsWith("quorum none\n");
    }
}
