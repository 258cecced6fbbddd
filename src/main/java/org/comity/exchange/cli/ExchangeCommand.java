package org.comity.exchange.cli;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.exchange.KeyPurpose;
import org.comity.exchange.TrustRefused;
import org.comity.exchange.domain.CardVerifier;
import org.comity.exchange.domain.DirectoryVerifier;
import org.comity.exchange.domain.Entries;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.KeyRing;
import org.comity.exchange.domain.SignedDocuments;
import org.comity.node.SecretFiles;

/**
 * {@code comity exchange ...}: what a directory operator runs on its own machine. Exit status 0 on
 * success, 1 when a document is refused, 2 for a usage or I/O problem.
 */
public final class ExchangeCommand {

    private static final String USAGE = """
            usage:
              exchange operator-key create FILE [--valid-days N]
                  creates a directory operator key (P-256, owner-only FILE) and prints its public JWK,
                  to configure on every node as comity.exchange.directory.trusted-keys
              exchange directory sign --key FILE --in DRAFT.json [--out FILE] [--valid-days N]
                  signs a directory draft ({"iss": operator, "seq": n, "authorities": [...]}; iat and exp
                  are set unless given), then verifies the result as a node would and prints any refusal
              exchange supervisor-key create FILE [--valid-days N]
                  creates a supervisor's own co-signing key (P-256, owner-only FILE, on the supervisor's
                  device) and prints its public JWK, to register from their session
                  (POST /api/exchange/supervisor-keys)
              exchange co-sign --key FILE --in SIGNING-INPUT
                  prints the emergency message a signing input carries (POST /api/requests/{id}/co-signing-input)
                  and the supervisor's ES256 signature of it, to post with the approval
              exchange card show FILE|URL
                  reads a node's authority card, checks its self-signature and prints its directory entry
                  and the fingerprint to confirm with the authority out of band""";

    private ExchangeCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC());
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) {
        try {
            if (args.size() >= 3
                    && args.get(0).equals("operator-key")
                    && args.get(1).equals("create")) {
                return createOperatorKey(Path.of(args.get(2)), options(args.subList(3, args.size())), out, clock);
            }
            if (args.size() >= 2
                    && args.get(0).equals("directory")
                    && args.get(1).equals("sign")) {
                return signDirectory(options(args.subList(2, args.size())), out, err, clock);
            }
            if (args.size() >= 3
                    && args.get(0).equals("supervisor-key")
                    && args.get(1).equals("create")) {
                return createSupervisorKey(Path.of(args.get(2)), options(args.subList(3, args.size())), out, clock);
            }
            if (args.size() >= 1 && args.get(0).equals("co-sign")) {
                return coSign(options(args.subList(1, args.size())), out, err);
            }
            if (args.size() == 3 && args.get(0).equals("card") && args.get(1).equals("show")) {
                return showCard(args.get(2), out, err, clock);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
        } catch (IOException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        err.println(USAGE);
        return 2;
    }

    private static int createOperatorKey(Path file, Map<String, String> options, PrintStream out, Clock clock) {
        int days = Integer.parseInt(options.getOrDefault("valid-days", "730"));
        var key = KeyRing.generate(KeyPurpose.SIGNING, clock.instant(), Duration.ofDays(days));
        if (!SecretFiles.createOwnerOnly(file, key.toJSONString() + "\n")) {
            throw new IllegalStateException(file + " exists already; an operator key is never overwritten");
        }
        out.println("Created the directory operator key " + key.getKeyID() + " in " + file + " (owner-only).");
        out.println("Fingerprint: " + Fingerprint.of(key).grouped());
        out.println("Configure every node to trust it (comity.exchange.directory.trusted-keys):");
        out.println(key.toPublicJWK().toJSONString());
        return 0;
    }

    private static int createSupervisorKey(Path file, Map<String, String> options, PrintStream out, Clock clock) {
        int days = Integer.parseInt(options.getOrDefault("valid-days", "365"));
        var key = KeyRing.generate(KeyPurpose.SIGNING, clock.instant(), Duration.ofDays(days));
        if (!SecretFiles.createOwnerOnly(file, key.toJSONString() + "\n")) {
            throw new IllegalStateException(file + " exists already; a supervisor key is never overwritten");
        }
        out.println("Created the supervisor key " + key.getKeyID() + " in " + file + " (owner-only; keep it on this"
                + " device, never on the node).");
        out.println("Fingerprint: " + Fingerprint.of(key).grouped());
        out.println("Register it from your own session (POST /api/exchange/supervisor-keys):");
        out.println(key.toPublicJWK().toJSONString());
        return 0;
    }

    /**
     * Signs a co-signing input with the supervisor's key, after showing what it carries: the supervisor
     * reads the envelope they sign, not a digest.
     */
    private static int coSign(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        if (!options.containsKey("key") || !options.containsKey("in")) {
            throw new IllegalArgumentException("co-sign needs --key FILE and --in SIGNING-INPUT");
        }
        String input = Files.readString(Path.of(options.get("in")), StandardCharsets.US_ASCII)
                .strip();
        String[] parts = input.split("\\.", -1);
        ECKey key;
        Map<String, Object> header;
        try {
            key = ECKey.parse(
                    SecretFiles.readOwnerOnly(Path.of(options.get("key"))).strip());
            if (parts.length != 2) {
                throw new ParseException("a signing input is header.payload", 0);
            }
            header = JSONObjectUtils.parse(new com.nimbusds.jose.util.Base64URL(parts[0]).decodeToString());
            out.println(JSONObjectUtils.toJSONString(
                    JSONObjectUtils.parse(new com.nimbusds.jose.util.Base64URL(parts[1]).decodeToString())));
        } catch (ParseException e) {
            err.println("error: not a signing input / not a JWK: " + e.getMessage());
            return 2;
        }
        if (!key.isPrivate() || !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            err.println("error: the key file holds no private signing key");
            return 2;
        }
        if (!key.getKeyID().equals(header.get("kid")) || !"supervisor".equals(header.get("comity-signer"))) {
            err.println("error: the signing input is for key " + header.get("kid") + " as "
                    + header.get("comity-signer") + ", not for this supervisor key");
            return 1;
        }
        try {
            var signature = new com.nimbusds.jose.crypto.ECDSASigner(key)
                    .sign(
                            new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256),
                            input.getBytes(StandardCharsets.US_ASCII));
            out.println("keyId: " + key.getKeyID());
            out.println("signature: " + signature);
            return 0;
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    private static int signDirectory(Map<String, String> options, PrintStream out, PrintStream err, Clock clock)
            throws IOException {
        if (!options.containsKey("key") || !options.containsKey("in")) {
            throw new IllegalArgumentException("directory sign needs --key FILE and --in DRAFT.json");
        }
        ECKey key;
        Map<String, Object> draft;
        try {
            key = ECKey.parse(
                    SecretFiles.readOwnerOnly(Path.of(options.get("key"))).strip());
            draft = JSONObjectUtils.parse(Files.readString(Path.of(options.get("in")), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            err.println("error: not JSON / not a JWK: " + e.getMessage());
            return 2;
        }
        if (!key.isPrivate() || !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            err.println("error: the operator key file holds no private signing key");
            return 2;
        }
        Instant now = clock.instant();
        int days = Integer.parseInt(options.getOrDefault("valid-days", "30"));
        var payload = new LinkedHashMap<String, Object>(draft);
        payload.putIfAbsent("iat", now.getEpochSecond());
        payload.putIfAbsent("exp", now.plus(Duration.ofDays(days)).getEpochSecond());
        String signed = SignedDocuments.sign(payload, SignedDocuments.DIRECTORY_TYPE, key);
        try {
            var verified = new DirectoryVerifier(List.of(key)).verify(signed, now, 0);
            if (options.containsKey("out")) {
                Files.writeString(Path.of(options.get("out")), signed + "\n", StandardCharsets.US_ASCII);
                out.println("Signed directory sequence " + verified.sequence() + " ("
                        + verified.entries().size() + " authorities, expires " + verified.expiresAt() + ") written to "
                        + options.get("out"));
            } else {
                out.println(signed);
            }
            return 0;
        } catch (TrustRefused refused) {
            for (var violation : refused.violations()) {
                err.println(violation.field() + ": " + violation.rule() + ": " + violation.message());
            }
            err.println("refused at step " + refused.step() + "; nothing written");
            return 1;
        }
    }

    private static int showCard(String where, PrintStream out, PrintStream err, Clock clock) throws IOException {
        String card = where.startsWith("http://") || where.startsWith("https://")
                ? fetch(where)
                : Files.readString(Path.of(where), StandardCharsets.US_ASCII);
        try {
            // The card's own key, so this proves only that the card is intact and self-consistent.
            var claimed = CardVerifier.claimedFingerprint(card);
            var verified = CardVerifier.verify(card, claimed, clock.instant());
            var entry = Entries.toJson(
                    verified.entry().authority(), verified.entry().keys());
            out.println(JSONObjectUtils.toJSONString(entry));
            out.println("Signing key fingerprint: " + claimed.grouped());
            out.println("Confirm it with " + verified.entry().authority().name()
                    + " through another channel before listing or pinning this card.");
            return 0;
        } catch (TrustRefused refused) {
            err.println("refused at step " + refused.step() + " (" + refused.field() + "): " + refused.getMessage());
            return 1;
        }
    }

    private static String fetch(String url) throws IOException {
        var uri = URI.create(
                url.endsWith("/authority-card") ? url : url.replaceAll("/+$", "") + "/api/exchange/authority-card");
        try (var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            var response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Map<String, String> options(List<String> args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unexpected argument " + args.get(i) + "\n" + USAGE);
            }
            options.put(args.get(i).substring(2), args.get(++i));
        }
        return options;
    }
}
