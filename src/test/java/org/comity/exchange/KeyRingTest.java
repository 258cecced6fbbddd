package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.comity.exchange.domain.CardVerifier;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.KeyRing;
import org.comity.exchange.persistence.KeyFiles;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's own keys: which one is in use, what the card lists, and how they are kept on disk. */
class KeyRingTest {

    static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    static final Authority XA = new Authority(
            new AuthorityId("xa-central-authority"),
            CountryCode.of("XA"),
            "Central Authority of XA",
            AuthorityRole.CENTRAL_AUTHORITY,
            URI.create("https://xa.example/exchange/inbox"));

    @TempDir
    Path dir;

    @Test
    void ofTwoKeysMadeInTheSameSecondTheLaterIsInUseAfterARestart() {
        var files = new KeyFiles(dir);
        var first = KeyRing.generate(KeyPurpose.SIGNING, NOW, Duration.ofDays(30));
        var second = KeyRing.generate(KeyPurpose.SIGNING, NOW, Duration.ofDays(30));
        files.store(first);
        files.store(second);

        var ring = new KeyRing(files.load());

        assertThat(ring.current(KeyPurpose.SIGNING, NOW).orElseThrow().getKeyID())
                .isEqualTo(second.getKeyID());
        assertThat(ring.current(KeyPurpose.ENCRYPTION, NOW)).isEmpty();
    }

    @Test
    void theCardListsUnexpiredKeysOnlyAndIsSignedByTheCurrentOne() {
        var old = KeyRing.generate(KeyPurpose.SIGNING, NOW.minus(Duration.ofDays(40)), Duration.ofDays(30));
        var signing = KeyRing.generate(KeyPurpose.SIGNING, NOW.minus(Duration.ofDays(1)), Duration.ofDays(30));
        var encryption = KeyRing.generate(KeyPurpose.ENCRYPTION, NOW.minus(Duration.ofDays(1)), Duration.ofDays(30));

        var card = new KeyRing(List.of(old, signing, encryption)).card(XA, NOW, Duration.ofDays(90));

        var verified = CardVerifier.verify(card, Fingerprint.of(signing), NOW);
        assertThat(verified.entry().keys())
                .extracting(k -> k.getKeyID())
                .containsExactly(signing.getKeyID(), encryption.getKeyID());
        // Never beyond the signing key's own expiry, whatever validity was asked for.
        assertThat(verified.expiresAt()).isEqualTo(signing.getExpirationTime().toInstant());
        assertThatThrownBy(() -> CardVerifier.verify(card, Fingerprint.of(old), NOW))
                .isInstanceOf(TrustRefused.FingerprintMismatch.class);
    }
}
