package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.exchange.Authority;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.AuthorityRole;
import org.comity.exchange.KeyPurpose;
import org.comity.exchange.TrustRefused;
import org.comity.shared.CountryCode;
import org.comity.shared.Violation;

/**
 * The rules for one authority entry, the same in a directory and in a card: every field present and
 * well-formed, every key a public P-256 key for one purpose with the matching algorithm, its key id
 * its thumbprint and a validity period. Every broken rule of every entry is collected before the
 * document is refused, so its author fixes everything at once.
 */
public final class Entries {

    public static final int MAX_KEYS = 16;

    private Entries() {}

    /** The entry at {@code path}, or empty after adding its broken rules to {@code violations}. */
    public static Optional<DirectoryEntry> read(Object raw, String path, List<Violation> violations) {
        if (!(raw instanceof Map<?, ?> map)) {
            violations.add(new Violation(path, "json-type", "an entry is a JSON object"));
            return Optional.empty();
        }
        int before = violations.size();
        AuthorityId id = null;
        CountryCode state = null;
        AuthorityRole role = null;
        URI inbox = null;
        try {
            id = new AuthorityId(string(map, "id"));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path + ".id", "authority-id", e.getMessage()));
        }
        try {
            state = CountryCode.of(string(map, "state"));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path + ".state", "country-code", "an ISO 3166-1 alpha-2 code such as XA"));
        }
        String name = string(map, "name");
        if (name == null
                || name.isBlank()
                || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)) {
            violations.add(
                    new Violation(path + ".name", "authority-name", "1 to 200 characters, no control characters"));
        }
        role = AuthorityRole.fromCode(string(map, "role")).orElse(null);
        if (role == null) {
            violations.add(new Violation(
                    path + ".role",
                    "authority-role",
                    "one of central-authority, 24-7-point-of-contact, competent-authority, service-provider,"
                            + " oversight-body"));
        }
        try {
            var text = string(map, "inbox");
            inbox = text == null ? null : new URI(text);
        } catch (URISyntaxException e) {
            inbox = null;
        }
        if (inbox == null || !Authority.acceptableInbox(inbox)) {
            violations.add(
                    new Violation(path + ".inbox", "inbox-url", "an https URL (http only on the loopback interface)"));
        }
        var keys = keys(map.get("keys"), path + ".keys", violations);
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryEntry(new Authority(id, state, name, role, inbox), keys));
    }

    private static List<ECKey> keys(Object raw, String path, List<Violation> violations) {
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_KEYS) {
            violations.add(new Violation(path, "key-count", "1 to " + MAX_KEYS + " keys"));
            return List.of();
        }
        var keys = new ArrayList<ECKey>();
        for (int i = 0; i < list.size(); i++) {
            key(list.get(i), path + "[" + i + "]", violations).ifPresent(keys::add);
        }
        if (keys.size() == list.size()
                && keys.stream().noneMatch(k -> KeyUse.SIGNATURE.equals(k.getKeyUse()) && !coSigner(k))) {
            violations.add(
                    new Violation(path, "signing-key-required", "at least one signing key that is not a supervisor's"));
        }
        return keys;
    }

    /** One key by the rules of a published key, as configuration reads supervisors' keys. */
    public static Optional<ECKey> readKey(Map<String, Object> json, String path, List<Violation> violations) {
        return key(json, path, violations);
    }

    /** One published key: public, P-256, for one purpose with its algorithm, named by its thumbprint. */
    static Optional<ECKey> key(Object raw, String path, List<Violation> violations) {
        if (!(raw instanceof Map<?, ?> map)) {
            violations.add(new Violation(path, "json-type", "a key is a JWK (JSON object)"));
            return Optional.empty();
        }
        JWK jwk;
        try {
            jwk = JWK.parse(jsonObject(map));
        } catch (ParseException | RuntimeException e) {
            violations.add(new Violation(path, "jwk-syntax", "not a readable JWK"));
            return Optional.empty();
        }
        int before = violations.size();
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            violations.add(new Violation(path + ".crv", "key-type", "an EC key on P-256"));
            return Optional.empty();
        }
        if (ec.isPrivate()) {
            violations.add(
                    new Violation(path + ".d", "private-key", "a published key must not contain its private part"));
        }
        var purpose = purpose(ec);
        if (purpose.isEmpty()) {
            violations.add(new Violation(path + ".use", "key-use", "'sig' or 'enc'"));
        } else if (ec.getAlgorithm() == null
                || !ec.getAlgorithm().getName().equals(purpose.get().algorithm())) {
            violations.add(new Violation(
                    path + ".alg",
                    "key-algorithm",
                    "a '" + purpose.get().use() + "' key has alg "
                            + purpose.get().algorithm()));
        }
        if (ec.getKeyID() == null || !ec.getKeyID().equals(thumbprint(ec))) {
            violations.add(
                    new Violation(path + ".kid", "key-id", "the key id is the key's RFC 7638 SHA-256 thumbprint"));
        }
        if (ec.getNotBeforeTime() == null
                || ec.getExpirationTime() == null
                || !ec.getNotBeforeTime().before(ec.getExpirationTime())) {
            violations.add(new Violation(path + ".exp", "key-validity", "nbf and exp, nbf before exp"));
        }
        return violations.size() > before ? Optional.empty() : Optional.of(ec);
    }

    public static Optional<KeyPurpose> purpose(ECKey key) {
        if (KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return Optional.of(KeyPurpose.SIGNING);
        }
        if (KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
            return Optional.of(KeyPurpose.ENCRYPTION);
        }
        return Optional.empty();
    }

    /**
     * A supervisor's key: a signing key whose only listed operation is {@code verify}. The node that
     * publishes it holds no private part; it co-signs emergency requests and nothing else.
     */
    public static boolean coSigner(ECKey key) {
        return KeyUse.SIGNATURE.equals(key.getKeyUse())
                && key.getKeyOperations() != null
                && key.getKeyOperations().equals(java.util.Set.of(com.nimbusds.jose.jwk.KeyOperation.VERIFY));
    }

    public static String thumbprint(ECKey key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The duplicate-key step: no key id, in the whole document, names two keys. */
    public static void requireUniqueKeyIds(List<DirectoryEntry> entries, String path) {
        var seen = new HashMap<String, String>();
        for (int i = 0; i < entries.size(); i++) {
            var keys = entries.get(i).keys();
            for (int k = 0; k < keys.size(); k++) {
                var where = path + "[" + i + "].keys[" + k + "].kid";
                var earlier = seen.putIfAbsent(keys.get(k).getKeyID(), where);
                if (earlier != null) {
                    throw new TrustRefused.DuplicateKeyId(where, "the key id is also used at " + earlier);
                }
            }
        }
    }

    /** No authority is listed twice. */
    public static void requireUniqueAuthorities(List<DirectoryEntry> entries, String path) {
        var seen = new HashSet<AuthorityId>();
        for (int i = 0; i < entries.size(); i++) {
            if (!seen.add(entries.get(i).authority().id())) {
                throw new TrustRefused.DuplicateAuthority(
                        path + "[" + i + "].id",
                        "authority " + entries.get(i).authority().id() + " is listed twice");
            }
        }
    }

    /** The entry as JSON, with public keys only, as cards and directories carry it. */
    public static Map<String, Object> toJson(Authority authority, List<ECKey> keys) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", authority.id().value());
        json.put("state", authority.state().value());
        json.put("name", authority.name());
        json.put("role", authority.role().code());
        json.put("inbox", authority.inbox().toString());
        json.put("keys", keys.stream().map(k -> k.toPublicJWK().toJSONObject()).toList());
        return json;
    }

    private static String string(Map<?, ?> map, String name) {
        return map.get(name) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Map<?, ?> map) throws ParseException {
        // Round-trip through text so the JWK parser sees the plain JSON types it expects.
        return JSONObjectUtils.parse(JSONObjectUtils.toJSONString((Map<String, ?>) map));
    }
}
