package org.comity.exchange.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.comity.exchange.ExchangeFixtures;
import org.comity.exchange.domain.DirectoryVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory operator's tool: a key, a signed directory a node accepts, a card's fingerprint. */
class ExchangeCommandTest {

    static final Clock CLOCK = Clock.fixed(ExchangeFixtures.NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        err.reset();
        return ExchangeCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);
    }

    static final String DRAFT = """
            {"iss": "Directory of fictional States", "seq": 1, "authorities": [
              {"id": "xa-central-authority", "state": "XA", "name": "Central Authority of XA",
               "role": "central-authority", "inbox": "https://xa.example/exchange/inbox",
               "keys": [%s]}]}
            """;

    @Test
    void anOperatorKeySignsADirectoryThatANodeTrustingItAccepts() throws Exception {
        var keyFile = dir.resolve("operator.jwk");
        assertThat(run("operator-key", "create", keyFile.toString())).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        var printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        var publicKey = ECKey.parse(printed.getLast());
        assertThat(publicKey.isPrivate()).isFalse();

        var authorityKey = org.comity.exchange.domain.KeyRing.generate(
                org.comity.exchange.KeyPurpose.SIGNING, ExchangeFixtures.NOW, java.time.Duration.ofDays(30));
        var draft = dir.resolve("draft.json");
        Files.writeString(draft, DRAFT.formatted(authorityKey.toPublicJWK().toJSONString()));
        var signed = dir.resolve("directory.jws");
        assertThat(run(
                        "directory",
                        "sign",
                        "--key",
                        keyFile.toString(),
                        "--in",
                        draft.toString(),
                        "--out",
                        signed.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();

        var verified =
                new DirectoryVerifier(List.of(publicKey)).verify(Files.readString(signed), ExchangeFixtures.NOW, 0);
        assertThat(verified.entries()).hasSize(1);
    }

    @Test
    void aKeyFileIsNeverOverwritten() throws Exception {
        var keyFile = dir.resolve("operator.jwk");
        run("operator-key", "create", keyFile.toString());
        var first = Files.readString(keyFile);

        assertThat(run("operator-key", "create", keyFile.toString())).isEqualTo(2);
        assertThat(Files.readString(keyFile)).isEqualTo(first);
    }

    @Test
    void aBrokenDraftIsRefusedWithEveryFieldAndNothingIsWritten() throws Exception {
        var keyFile = dir.resolve("operator.jwk");
        run("operator-key", "create", keyFile.toString());
        var draft = dir.resolve("draft.json");
        Files.writeString(
                draft,
                DRAFT.formatted("{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}")
                        .replace("\"role\": \"central-authority\"", "\"role\": \"chief\""));
        var signed = dir.resolve("directory.jws");

        assertThat(run(
                        "directory",
                        "sign",
                        "--key",
                        keyFile.toString(),
                        "--in",
                        draft.toString(),
                        "--out",
                        signed.toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("authorities[0].role: authority-role")
                .contains("authorities[0].keys[0].crv: key-type");
        assertThat(signed).doesNotExist();
    }

    @Test
    void aCardIsShownWithItsFingerprintToConfirm() throws Exception {
        var card = dir.resolve("card.jws");
        try (var in = getClass().getResourceAsStream("/exchange/card-good.jws")) {
            Files.write(card, in.readAllBytes());
        }
        String expected;
        try (var in = getClass().getResourceAsStream("/exchange/card-good.fingerprint")) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }

        assertThat(run("card", "show", card.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"id\":\"xc-central-authority\"")
                .contains("Signing key fingerprint: " + expected);
    }

    @Test
    void anAlteredCardIsRefused() throws Exception {
        var card = dir.resolve("card.jws");
        try (var in = getClass().getResourceAsStream("/exchange/card-altered-payload.jws")) {
            Files.write(card, in.readAllBytes());
        }

        assertThat(run("card", "show", card.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad-signature");
    }

    @Test
    void aSupervisorKeyCoSignsASigningInputTheNodeVerifiesAndRefusesOneMadeForAnotherKey() throws Exception {
        var keyFile = dir.resolve("supervisor.jwk");
        assertThat(run("supervisor-key", "create", keyFile.toString())).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        var publicKey = ECKey.parse(
                out.toString(StandardCharsets.UTF_8).lines().toList().getLast());
        assertThat(publicKey.isPrivate()).isFalse();

        var envelope = new org.comity.exchange.Envelope(
                java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(),
                org.comity.exchange.MessageType.REQUEST,
                new org.comity.exchange.AuthorityId("xa-central-authority"),
                new org.comity.exchange.AuthorityId("xb-central-authority"),
                ExchangeFixtures.NOW,
                ExchangeFixtures.NOW.plusSeconds(3600),
                1,
                org.comity.exchange.domain.Messages.pairingToken(),
                true,
                "{\"v\": 1}");
        var payload = org.comity.exchange.domain.Messages.signedPayload(envelope);
        var header = org.comity.exchange.domain.Messages.protectedHeader(
                envelope, publicKey.getKeyID(), org.comity.exchange.domain.Messages.SUPERVISOR_SIGNER);
        var input = dir.resolve("input.txt");
        Files.writeString(input, header + "." + payload + "\n");

        assertThat(run("co-sign", "--key", keyFile.toString(), "--in", input.toString()))
                .isZero();
        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("\"emergency\":true").contains("xb-central-authority");
        var signature = printed.lines()
                .filter(l -> l.startsWith("signature: "))
                .findFirst()
                .orElseThrow()
                .substring("signature: ".length());
        org.comity.exchange.domain.Messages.verifyCoSignature(header, payload, signature, publicKey);

        var other = org.comity.exchange.domain.KeyRing.generate(
                org.comity.exchange.KeyPurpose.SIGNING, ExchangeFixtures.NOW, java.time.Duration.ofDays(30));
        Files.writeString(
                input,
                org.comity.exchange.domain.Messages.protectedHeader(
                                envelope, other.getKeyID(), org.comity.exchange.domain.Messages.SUPERVISOR_SIGNER)
                        + "." + payload);
        assertThat(run("co-sign", "--key", keyFile.toString(), "--in", input.toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not for this supervisor key");
    }
}
