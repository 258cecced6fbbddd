package org.comity.exchange;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyRevocation;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.comity.exchange.domain.Entries;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.KeyRing;
import org.comity.exchange.domain.SignedDocuments;
import org.comity.shared.CountryCode;

/**
 * Writes the signed and tampered documents under {@code src/test/resources/exchange/} that the tests
 * read as data (in the manner of sigstore-java's test fixtures): a good directory and card, and each
 * forgery a verifier must refuse. Run it only to change the fixtures, after {@code ./mvnw -q -o
 * test-compile}: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.comity.exchange.ExchangeFixtures}, with {@code cp.txt} from {@code ./mvnw -q -o
 * dependency:build-classpath -Dmdep.outputFile=cp.txt};
 * every run makes new keys, so all files change together. Fictional States only (XA, XB, XC, XD).
 * The tests read them at {@link #NOW}, so their dates never go stale.
 */
public final class ExchangeFixtures {

    /** The moment the tests verify at. */
    public static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");

    static final Instant ISSUED = Instant.parse("2027-02-01T00:00:00Z");
    static final Instant EXPIRES = Instant.parse("2027-09-01T00:00:00Z");
    static final Instant KEYS_FROM = Instant.parse("2027-01-01T00:00:00Z");
    static final Duration KEYS_FOR = Duration.ofDays(365);

    public static void main(String[] args) throws Exception {
        var out = Path.of(args.length > 0 ? args[0] : "src/test/resources/exchange");
        Files.createDirectories(out);
        var operator = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, Duration.ofDays(730));
        var impostor = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, Duration.ofDays(730));
        write(out, "operator.public.jwk", operator.toPublicJWK().toJSONString());

        var xaSigning = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, KEYS_FOR);
        var xaEncryption = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, KEYS_FOR);
        var xaExpired = KeyRing.generate(KeyPurpose.SIGNING, Instant.parse("2025-06-01T00:00:00Z"), KEYS_FOR);
        var xaFuture = KeyRing.generate(KeyPurpose.SIGNING, Instant.parse("2028-01-01T00:00:00Z"), KEYS_FOR);
        var xbSigning = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, KEYS_FOR);
        var xbRevoked = new ECKey.Builder(KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, KEYS_FOR))
                .keyRevocation(new KeyRevocation(
                        Date.from(Instant.parse("2027-02-15T00:00:00Z")), KeyRevocation.Reason.COMPROMISED))
                .build();
        var xa = entry(
                "xa-central-authority",
                "XA",
                "Ministry of Justice of XA",
                AuthorityRole.CENTRAL_AUTHORITY,
                xaSigning,
                xaEncryption,
                xaExpired,
                xaFuture);
        var xb = entry(
                "xb-24-7", "XB", "XB 24/7 Network Point", AuthorityRole.POINT_OF_CONTACT_24_7, xbSigning, xbRevoked);
        // What the tests look up: each key's id, by what it is.
        write(
                out,
                "keys.properties",
                String.join(
                        "\n",
                        "xa.signing=" + xaSigning.getKeyID(),
                        "xa.encryption=" + xaEncryption.getKeyID(),
                        "xa.expired=" + xaExpired.getKeyID(),
                        "xa.future=" + xaFuture.getKeyID(),
                        "xb.signing=" + xbSigning.getKeyID(),
                        "xb.revoked=" + xbRevoked.getKeyID()));

        var good = directory(2, ISSUED, EXPIRES, List.of(xa, xb));
        String goodJws = sign(good, SignedDocuments.DIRECTORY_TYPE, operator);
        write(out, "directory-good.jws", goodJws);
        write(
                out,
                "directory-older.jws",
                sign(directory(1, ISSUED, EXPIRES, List.of(xa)), SignedDocuments.DIRECTORY_TYPE, operator));
        write(out, "directory-wrong-signer.jws", sign(good, SignedDocuments.DIRECTORY_TYPE, impostor));
        // Signed by the impostor but naming the trusted operator's key id.
        write(
                out,
                "directory-borrowed-kid.jws",
                sign(
                        good,
                        SignedDocuments.DIRECTORY_TYPE,
                        new ECKey.Builder(impostor).keyID(operator.getKeyID()).build()));
        write(
                out,
                "directory-altered-payload.jws",
                replacePayload(
                        goodJws,
                        goodPayload -> goodPayload.replace(
                                "https://xb.example/exchange/inbox", "https://attacker.example/inbox")));
        write(
                out,
                "directory-expired.jws",
                sign(
                        directory(
                                3,
                                Instant.parse("2026-12-01T00:00:00Z"),
                                Instant.parse("2027-02-01T00:00:00Z"),
                                List.of(xa, xb)),
                        SignedDocuments.DIRECTORY_TYPE,
                        operator));
        write(
                out,
                "directory-not-yet-valid.jws",
                sign(
                        directory(3, Instant.parse("2027-06-01T00:00:00Z"), EXPIRES, List.of(xa, xb)),
                        SignedDocuments.DIRECTORY_TYPE,
                        operator));
        var xbWithXaKey = entry(
                "xb-24-7", "XB", "XB 24/7 Network Point", AuthorityRole.POINT_OF_CONTACT_24_7, xbSigning, xaSigning);
        write(
                out,
                "directory-duplicate-kid.jws",
                sign(
                        directory(3, ISSUED, EXPIRES, List.of(xa, xbWithXaKey)),
                        SignedDocuments.DIRECTORY_TYPE,
                        operator));
        write(
                out,
                "directory-duplicate-authority.jws",
                sign(directory(3, ISSUED, EXPIRES, List.of(xa, xb, xa)), SignedDocuments.DIRECTORY_TYPE, operator));
        write(
                out,
                "directory-malformed-entries.jws",
                sign(
                        directory(
                                3,
                                ISSUED,
                                EXPIRES,
                                List.of(
                                        malformed(xa, "role", "supreme-authority"),
                                        malformed(xb, "inbox", "http://xb.example/inbox"),
                                        privateKeyPublished(
                                                "xd-central-authority",
                                                "XD",
                                                xaSigning.getKeyID().isEmpty() ? null : impostor),
                                        kidNotThumbprint("xc-central-authority", "XC"))),
                        SignedDocuments.DIRECTORY_TYPE,
                        operator));
        write(out, "directory-alg-none.jws", unsigned(good, operator.getKeyID()));
        write(out, "directory-alg-hs256.jws", hmacWithPublicKey(good, operator));
        write(out, "directory-embedded-jwk.jws", embeddedJwk(good, impostor));

        // XC's card, and forgeries of it.
        var xcSigning = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, KEYS_FOR);
        var xcEncryption = KeyRing.generate(KeyPurpose.ENCRYPTION, KEYS_FROM, KEYS_FOR);
        var xc = new Authority(
                new AuthorityId("xc-central-authority"),
                CountryCode.of("XC"),
                "Central Authority of XC",
                AuthorityRole.CENTRAL_AUTHORITY,
                URI.create("https://xc.example/exchange/inbox"));
        String card = new KeyRing(List.of(xcSigning, xcEncryption)).card(xc, ISSUED, Duration.ofDays(90));
        write(out, "card-good.jws", card);
        write(out, "card-good.fingerprint", Fingerprint.of(xcSigning).grouped());
        write(out, "card-good.keys.properties", "xc.signing=" + xcSigning.getKeyID());
        // A man in the middle's card: XC's identity, the attacker's keys, validly self-signed.
        var attackerSigning = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, KEYS_FOR);
        write(
                out,
                "card-substituted-key.jws",
                new KeyRing(List.of(attackerSigning, xcEncryption.toPublicJWK()))
                        .card(xc, ISSUED, Duration.ofDays(90)));
        write(
                out,
                "card-altered-payload.jws",
                replacePayload(
                        card, p -> p.replace("https://xc.example/exchange/inbox", "https://attacker.example/inbox")));
        write(
                out,
                "card-expired.jws",
                new KeyRing(List.of(xcSigning, xcEncryption))
                        .card(xc, Instant.parse("2027-01-01T00:00:00Z"), Duration.ofDays(30)));
        write(out, "card-alg-none.jws", unsigned(payloadOf(card), xcSigning.getKeyID(), SignedDocuments.CARD_TYPE));
        System.out.println("fixtures written to " + out.toAbsolutePath());
    }

    static Map<String, Object> entry(String id, String state, String name, AuthorityRole role, ECKey... keys) {
        var authority = new Authority(
                new AuthorityId(id),
                CountryCode.of(state),
                name,
                role,
                URI.create("https://" + state.toLowerCase() + ".example/exchange/inbox"));
        return Entries.toJson(authority, List.of(keys));
    }

    static Map<String, Object> malformed(Map<String, Object> entry, String field, Object value) {
        var copy = new LinkedHashMap<>(entry);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> privateKeyPublished(String id, String state, ECKey key) {
        var entry = entry(id, state, "Authority " + state, AuthorityRole.COMPETENT_AUTHORITY, key);
        entry.put("keys", List.of(key.toJSONObject())); // with "d": the private part
        return entry;
    }

    static Map<String, Object> kidNotThumbprint(String id, String state) {
        var key = KeyRing.generate(KeyPurpose.SIGNING, KEYS_FROM, KEYS_FOR);
        var entry = entry(id, state, "Authority " + state, AuthorityRole.CENTRAL_AUTHORITY, key);
        var jwk = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
        jwk.put("kid", "my-key-1");
        entry.put("keys", List.of(jwk));
        return entry;
    }

    static Map<String, Object> directory(long seq, Instant issued, Instant expires, List<Map<String, Object>> entries) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("iss", "Directory of fictional States");
        payload.put("seq", seq);
        payload.put("iat", issued.getEpochSecond());
        payload.put("exp", expires.getEpochSecond());
        payload.put("authorities", new ArrayList<>(entries));
        return payload;
    }

    static String sign(Map<String, Object> payload, String type, ECKey key) {
        return SignedDocuments.sign(payload, type, key);
    }

    static String replacePayload(String compact, java.util.function.UnaryOperator<String> change) {
        var parts = compact.split("\\.");
        var payload = new Base64URL(parts[1]).decodeToString();
        var altered = change.apply(payload);
        if (altered.equals(payload)) {
            throw new IllegalStateException("the alteration changed nothing");
        }
        return parts[0] + "." + Base64URL.encode(altered) + "." + parts[2];
    }

    static Map<String, Object> payloadOf(String compact) throws java.text.ParseException {
        return JSONObjectUtils.parse(new Base64URL(compact.split("\\.")[1]).decodeToString());
    }

    static String unsigned(Map<String, Object> payload, String kid) {
        return unsigned(payload, kid, SignedDocuments.DIRECTORY_TYPE);
    }

    static String unsigned(Map<String, Object> payload, String kid, String type) {
        var header = Map.of("alg", "none", "typ", type, "kid", kid);
        return Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(payload)) + ".";
    }

    /** The classic confusion: HS256 keyed with the verifier's public key, which everyone knows. */
    static String hmacWithPublicKey(Map<String, Object> payload, ECKey operator) throws Exception {
        var header = Map.of("alg", "HS256", "typ", SignedDocuments.DIRECTORY_TYPE, "kid", operator.getKeyID());
        var input = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(payload));
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                operator.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Signed by the impostor, whose key the header carries, hoping the verifier uses it. */
    static String embeddedJwk(Map<String, Object> payload, ECKey impostor) throws Exception {
        var header = new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                .type(new com.nimbusds.jose.JOSEObjectType(SignedDocuments.DIRECTORY_TYPE))
                .keyID(impostor.getKeyID())
                .jwk(impostor.toPublicJWK())
                .build();
        var jws = new com.nimbusds.jose.JWSObject(
                header, new com.nimbusds.jose.Payload(JSONObjectUtils.toJSONString(payload)));
        jws.sign(new com.nimbusds.jose.crypto.ECDSASigner(impostor));
        return jws.serialize();
    }

    static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content + "\n", StandardCharsets.US_ASCII);
    }
}
