package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.comity.exchange.domain.CardVerifier;
import org.comity.exchange.domain.DirectoryVerifier;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.PinnedCard;
import org.comity.exchange.domain.TrustView;
import org.comity.exchange.domain.VerifiedDirectory;
import org.comity.shared.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verification steps against signed fixtures and their forgeries (written by {@link
 * ExchangeFixtures}, read as data): each forgery is refused by the step meant to catch it, and the
 * good documents pass. Fictional States only.
 */
class TrustFixturesTest {

    static final Instant NOW = ExchangeFixtures.NOW;
    static final DirectoryVerifier VERIFIER = new DirectoryVerifier(List.of(operatorKey()));
    static final Properties KEYS = properties("keys.properties");

    static String fixture(String name) {
        try (var in = TrustFixturesTest.class.getResourceAsStream("/exchange/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ECKey operatorKey() {
        try {
            return ECKey.parse(fixture("operator.public.jwk"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Properties properties(String name) {
        var properties = new Properties();
        try {
            properties.load(new StringReader(fixture(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static String kid(String name) {
        return KEYS.getProperty(name);
    }

    @Test
    void theGoodDirectoryPassesEveryStep() throws Exception {
        VerifiedDirectory directory = VERIFIER.verify(fixture("directory-good.jws"), NOW, 0);

        assertThat(directory.sequence()).isEqualTo(2);
        assertThat(directory.operatorKeyId())
                .isEqualTo(operatorKey().computeThumbprint().toString());
        assertThat(directory.entries())
                .extracting(e -> e.authority().id().value())
                .containsExactly("xa-central-authority", "xb-24-7");
        assertThat(directory.entries().getFirst().authority().role()).isEqualTo(AuthorityRole.CENTRAL_AUTHORITY);
    }

    @ParameterizedTest(name = "{0} is refused at {1} ({2})")
    @CsvSource({
        "directory-wrong-signer.jws,        untrusted-signer,    header.kid",
        "directory-borrowed-kid.jws,        bad-signature,       signature",
        "directory-altered-payload.jws,     bad-signature,       signature",
        "directory-expired.jws,             expired,             exp",
        "directory-not-yet-valid.jws,       not-yet-valid,       iat",
        "directory-duplicate-kid.jws,       duplicate-key-id,    authorities[1].keys[1].kid",
        "directory-duplicate-authority.jws, duplicate-authority, authorities[2].id",
        "directory-alg-none.jws,            refused-algorithm,   header.alg",
        "directory-alg-hs256.jws,           refused-algorithm,   header.alg",
        "directory-embedded-jwk.jws,        refused-algorithm,   header.jwk",
        "card-good.jws,                     wrong-document-type, header.typ",
    })
    void eachForgedDirectoryIsRefusedByItsStep(String fixture, String step, String field) {
        assertThatThrownBy(() -> VERIFIER.verify(fixture(fixture), NOW, 0))
                .isInstanceOfSatisfying(TrustRefused.class, refused -> {
                    assertThat(refused.step()).isEqualTo(step);
                    assertThat(refused.field()).isEqualTo(field);
                });
    }

    @Test
    void everyBrokenEntryIsListedWithItsFieldAtOnce() {
        assertThatThrownBy(() -> VERIFIER.verify(fixture("directory-malformed-entries.jws"), NOW, 0))
                .isInstanceOfSatisfying(
                        TrustRefused.MalformedEntries.class,
                        refused -> assertThat(refused.violations())
                                .extracting(Violation::field, Violation::rule)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple("authorities[0].role", "authority-role"),
                                        org.assertj.core.groups.Tuple.tuple("authorities[1].inbox", "inbox-url"),
                                        org.assertj.core.groups.Tuple.tuple("authorities[2].keys[0].d", "private-key"),
                                        org.assertj.core.groups.Tuple.tuple("authorities[3].keys[0].kid", "key-id")));
    }

    @Test
    void aDirectoryNotSignedByAConfiguredOperatorIsNotTrustedEvenIfValid() {
        var nobodyTrusted = new DirectoryVerifier(List.of());

        assertThatThrownBy(() -> nobodyTrusted.verify(fixture("directory-good.jws"), NOW, 0))
                .isInstanceOf(TrustRefused.UntrustedSigner.class);
    }

    @Test
    void anOlderDirectoryCannotReplaceANewerOne() {
        assertThat(VERIFIER.verify(fixture("directory-older.jws"), NOW, 0).sequence())
                .isEqualTo(1);

        assertThatThrownBy(() -> VERIFIER.verify(fixture("directory-older.jws"), NOW, 2))
                .isInstanceOf(TrustRefused.StaleDirectory.class);
        assertThatThrownBy(() -> VERIFIER.verify(fixture("directory-good.jws"), NOW, 2))
                .isInstanceOf(TrustRefused.StaleDirectory.class);
    }

    TrustView view() {
        return new TrustView(VERIFIER.verify(fixture("directory-good.jws"), NOW, 0), List.of());
    }

    @Test
    void aCurrentSigningKeyOfAListedAuthorityVerifies() {
        var key = view().verifierFor(new AuthorityId("xa-central-authority"), kid("xa.signing"), NOW, NOW);

        assertThat(key.purpose()).isEqualTo(KeyPurpose.SIGNING);
        assertThat(key.source()).isEqualTo(TrustedKey.Source.DIRECTORY);
        assertThat(key.publicKey().getW()).isNotNull();
    }

    @ParameterizedTest(name = "{0}/{1} at {2} is refused: {3}")
    @CsvSource({
        "xq-unknown,           xa.signing,   2027-03-01T12:00:00Z, unknown-authority",
        "xa-central-authority, xb.signing,   2027-03-01T12:00:00Z, unknown-key",
        "xb-24-7,              xb.revoked,   2027-03-01T12:00:00Z, key-revoked",
        "xb-24-7,              xb.revoked,   2027-01-10T00:00:00Z, key-revoked",
        "xa-central-authority, xa.expired,   2027-03-01T12:00:00Z, key-expired",
        "xa-central-authority, xa.future,    2027-03-01T12:00:00Z, key-not-yet-valid",
        "xa-central-authority, xa.encryption, 2027-03-01T12:00:00Z, wrong-key-purpose",
        "xa-central-authority, xa.signing,   2026-12-31T23:59:59Z, key-not-yet-valid",
    })
    void keysThatMayNotVerifyAreRefusedWithTheirReason(String authority, String key, Instant at, String step) {
        var kid = KEYS.getProperty(key);
        assertThatThrownBy(() -> view().verifierFor(new AuthorityId(authority), kid, at, NOW))
                .isInstanceOfSatisfying(
                        TrustRefused.class,
                        refused -> assertThat(refused.step()).isEqualTo(step));
    }

    @Test
    void anExpiredKeyStillVerifiesWhatItSignedWhileValid() {
        var key = view().verifierFor(
                        new AuthorityId("xa-central-authority"),
                        kid("xa.expired"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        NOW);

        assertThat(key.keyId()).isEqualTo(kid("xa.expired"));
    }

    @Test
    void anExpiredDirectoryVouchesForNothing() {
        var afterExpiry = Instant.parse("2027-09-01T00:00:00Z");

        assertThatThrownBy(() -> view().verifierFor(
                                new AuthorityId("xa-central-authority"), kid("xa.signing"), NOW, afterExpiry))
                .isInstanceOfSatisfying(
                        TrustRefused.class,
                        refused -> assertThat(refused.step()).isEqualTo("expired"));
    }

    static Fingerprint cardFingerprint() {
        return Fingerprint.parse("fingerprint", fixture("card-good.fingerprint"));
    }

    @Test
    void theGoodCardPinsWithTheFingerprintConfirmedOutOfBand() {
        var card = CardVerifier.verify(fixture("card-good.jws"), cardFingerprint(), NOW);

        assertThat(card.entry().authority().id().value()).isEqualTo("xc-central-authority");
        assertThat(card.signingKeyId())
                .isEqualTo(properties("card-good.keys.properties").getProperty("xc.signing"));
        var pinned = new TrustView(null, List.of(new PinnedCard(1, card)))
                .verifierFor(new AuthorityId("xc-central-authority"), card.signingKeyId(), NOW, NOW);
        assertThat(pinned.source()).isEqualTo(TrustedKey.Source.PIN);
    }

    @Test
    void aFingerprintIsReadAsTypedWithSpacesColonsAndCapitals() {
        var typed = cardFingerprint().hex().toUpperCase().replaceAll("(..)", "$1:");

        assertThat(CardVerifier.verify(fixture("card-good.jws"), Fingerprint.parse("f", typed), NOW))
                .isNotNull();
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource({
        "card-substituted-key.jws,  fingerprint-mismatch",
        "card-altered-payload.jws,  bad-signature",
        "card-expired.jws,          expired",
        "card-alg-none.jws,         refused-algorithm",
        "directory-good.jws,        wrong-document-type",
    })
    void eachForgedCardIsRefusedByItsStep(String fixture, String step) {
        assertThatThrownBy(() -> CardVerifier.verify(fixture(fixture), cardFingerprint(), NOW))
                .isInstanceOfSatisfying(
                        TrustRefused.class,
                        refused -> assertThat(refused.step()).isEqualTo(step));
    }

    @Test
    void aDirectoryRevocationAlsoEndsAPinOfTheSameKey() {
        var card = CardVerifier.verify(fixture("card-good.jws"), cardFingerprint(), NOW);
        var pinnedKey = card.entry().keys().stream()
                .filter(k -> k.getKeyID().equals(card.signingKeyId()))
                .findFirst()
                .orElseThrow();
        var revoked = new ECKey.Builder(pinnedKey)
                .keyRevocation(new com.nimbusds.jose.jwk.KeyRevocation(
                        java.util.Date.from(Instant.parse("2027-02-20T00:00:00Z")),
                        com.nimbusds.jose.jwk.KeyRevocation.Reason.COMPROMISED))
                .build();
        var operator = org.comity.exchange.domain.KeyRing.generate(
                KeyPurpose.SIGNING, Instant.parse("2027-01-01T00:00:00Z"), java.time.Duration.ofDays(365));
        var payload = ExchangeFixtures.directory(
                5,
                Instant.parse("2027-02-20T00:00:00Z"),
                Instant.parse("2027-06-01T00:00:00Z"),
                List.of(org.comity.exchange.domain.Entries.toJson(card.entry().authority(), List.of(revoked))));
        var directory = new DirectoryVerifier(List.of(operator))
                .verify(
                        ExchangeFixtures.sign(
                                payload, org.comity.exchange.domain.SignedDocuments.DIRECTORY_TYPE, operator),
                        NOW,
                        0);
        var xc = new AuthorityId("xc-central-authority");

        var pinnedOnly = new TrustView(null, List.of(new PinnedCard(1, card)));
        assertThat(pinnedOnly.verifierFor(xc, card.signingKeyId(), NOW, NOW).source())
                .isEqualTo(TrustedKey.Source.PIN);
        var withRevocation = pinnedOnly.withDirectory(directory);
        assertThatThrownBy(() -> withRevocation.verifierFor(xc, card.signingKeyId(), NOW, NOW))
                .isInstanceOf(TrustRefused.KeyRevoked.class);
    }
}
