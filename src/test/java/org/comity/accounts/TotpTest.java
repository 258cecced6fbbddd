package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.comity.accounts.Totp.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Totp} against the test vectors of RFC 4226 (Appendix D) and RFC 6238 (Appendix B). */
class TotpTest {

    /** The RFC seeds: ASCII "1234567890" repeated to the hash's size. */
    private static byte[] seed(Algorithm algorithm) {
        var length = switch (algorithm) {
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA512 -> 64;
        };
        return "1234567890".repeat(7).substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
    })
    void rfc4226HotpVectors(long counter, String expected) {
        assertThat(Totp.hotp(seed(Algorithm.SHA1), counter, Algorithm.SHA1, 6)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826"
    })
    void rfc6238TotpVectors(long epochSeconds, Algorithm algorithm, String expected) {
        assertThat(Totp.at(seed(algorithm), Instant.ofEpochSecond(epochSeconds), algorithm, 8))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "'', ''",
                "f, MY",
                "fo, MZXQ",
                "foo, MZXW6",
                "foob, MZXW6YQ",
                "fooba, MZXW6YTB",
                "foobar, MZXW6YTBOI"
            })
    void rfc4648Base32VectorsWithoutPadding(String text, String expected) {
        assertThat(Totp.base32(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    private static final byte[] SECRET = seed(Algorithm.SHA1);
    private static final Instant NOW = Instant.ofEpochSecond(1111111111);

    @Test
    void theCurrentCodeAndItsNeighboursAreAccepted() {
        long step = Totp.stepAt(NOW);
        for (long s = step - 1; s <= step + 1; s++) {
            var code = Totp.hotp(SECRET, s, Algorithm.SHA1, 6);
            assertThat(Totp.verify(SECRET, code, NOW, 0)).hasValue(s);
        }
    }

    @Test
    void codesFurtherAwayAreRefused() {
        long step = Totp.stepAt(NOW);
        assertThat(Totp.verify(SECRET, Totp.hotp(SECRET, step - 2, Algorithm.SHA1, 6), NOW, 0))
                .isEmpty();
        assertThat(Totp.verify(SECRET, Totp.hotp(SECRET, step + 2, Algorithm.SHA1, 6), NOW, 0))
                .isEmpty();
    }

    @Test
    void aCodeWorksOnce() {
        var code = Totp.at(SECRET, NOW, Algorithm.SHA1, 6);
        long used = Totp.verify(SECRET, code, NOW, 0).orElseThrow();
        assertThat(Totp.verify(SECRET, code, NOW, used)).isEmpty();
        // An older code than the last one used is refused too.
        var previous = Totp.hotp(SECRET, used - 1, Algorithm.SHA1, 6);
        assertThat(Totp.verify(SECRET, previous, NOW, used)).isEmpty();
    }

    @Test
    void malformedCodesAreRefused() {
        for (String code : new String[] {null, "", "12345", "1234567", "12345a", " 123456", "１２３４５６"}) {
            assertThat(Totp.verify(SECRET, code, NOW, 0))
                    .as(String.valueOf(code))
                    .isEmpty();
        }
    }

    @Test
    void aWrongSecretGivesOtherCodes() {
        assertThat(Totp.newSecret(new SecureRandom())).hasSize(Totp.SECRET_BYTES);
        // A fixed other secret: a random one would share the code one run in a few hundred thousand.
        var other = "09876543210987654321".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Totp.verify(other, Totp.at(SECRET, NOW, Algorithm.SHA1, 6), NOW, 0))
                .isEmpty();
    }

    @Test
    void theKeyUriIsWhatAuthenticatorAppsRead() {
        assertThat(Totp.keyUri("Comity XA node", "amina.k", "foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("otpauth://totp/Comity%20XA%20node:amina.k?secret=MZXW6YTBOI&issuer=Comity%20XA%20node"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
