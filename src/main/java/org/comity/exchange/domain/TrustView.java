package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.KeyPurpose;
import org.comity.exchange.KeyValidity;
import org.comity.exchange.TrustRefused;
import org.comity.exchange.TrustedKey;
import org.jspecify.annotations.Nullable;

/**
 * What the node trusts at one moment: the verified directory, if any, and the pinned cards. Built only
 * from verified documents, never from stored rows, so a changed database row cannot add a key.
 */
public final class TrustView {

    private final @Nullable VerifiedDirectory directory;
    private final List<PinnedCard> pins;

    public TrustView(@Nullable VerifiedDirectory directory, List<PinnedCard> pins) {
        this.directory = directory;
        this.pins = List.copyOf(pins);
    }

    public static TrustView empty() {
        return new TrustView(null, List.of());
    }

    public Optional<VerifiedDirectory> directory() {
        return Optional.ofNullable(directory);
    }

    public List<PinnedCard> pins() {
        return pins;
    }

    public TrustView withDirectory(VerifiedDirectory replacement) {
        return new TrustView(replacement, pins);
    }

    public TrustView withPins(List<PinnedCard> replacement) {
        return new TrustView(directory, replacement);
    }

    /**
     * The signing key {@code keyId} of {@code authority} if it may verify a signature made at {@code
     * at}; otherwise the step that refuses it. A key revoked anywhere (in the directory or in a pinned
     * card) is refused whatever {@code at} says; a directory past its expiry at {@code now} vouches
     * for nothing.
     */
    public TrustedKey verifierFor(AuthorityId authority, String keyId, Instant at, Instant now) {
        var sources = new ArrayList<Listed>();
        boolean knownFromExpiredDirectory = false;
        if (directory != null) {
            for (DirectoryEntry entry : directory.entries()) {
                if (entry.authority().id().equals(authority)) {
                    if (now.isBefore(directory.expiresAt())) {
                        sources.add(new Listed(entry, TrustedKey.Source.DIRECTORY));
                    } else {
                        knownFromExpiredDirectory = true;
                    }
                }
            }
        }
        for (PinnedCard pin : pins) {
            if (pin.card().entry().authority().id().equals(authority)) {
                sources.add(new Listed(pin.card().entry(), TrustedKey.Source.PIN));
            }
        }
        if (sources.isEmpty()) {
            if (knownFromExpiredDirectory) {
                throw new TrustRefused.Expired(
                        "directory", "the trust directory expired at " + directory.expiresAt() + "; load a newer one");
            }
            throw new TrustRefused.UnknownAuthority("authority", "no verified directory or pin names " + authority);
        }
        ECKey key = null;
        TrustedKey.Source source = null;
        for (Listed listed : sources) {
            for (ECKey candidate : listed.entry().keys()) {
                if (candidate.getKeyID().equals(keyId) && key == null) {
                    key = candidate;
                    source = listed.source();
                }
            }
        }
        if (key == null) {
            throw new TrustRefused.UnknownKey("keyId", authority + " has no trusted key " + keyId);
        }
        var revokedAt = revocation(keyId);
        if (revokedAt != null) {
            throw new TrustRefused.KeyRevoked("keyId", "key " + keyId + " was revoked at " + revokedAt);
        }
        if (Entries.purpose(key).orElseThrow() != KeyPurpose.SIGNING) {
            throw new TrustRefused.WrongKeyPurpose("keyId", "key " + keyId + " is not a signing key");
        }
        var validity = new KeyValidity(
                key.getNotBeforeTime().toInstant(), key.getExpirationTime().toInstant(), null);
        if (at.isBefore(validity.notBefore())) {
            throw new TrustRefused.KeyNotYetValid("at", "key " + keyId + " is valid from " + validity.notBefore());
        }
        if (!at.isBefore(validity.notAfter())) {
            throw new TrustRefused.KeyExpired("at", "key " + keyId + " expired at " + validity.notAfter());
        }
        try {
            return new TrustedKey(
                    authority,
                    keyId,
                    KeyPurpose.SIGNING,
                    key.toECPublicKey(),
                    key.toPublicJWK().toJSONString(),
                    validity,
                    source,
                    Entries.coSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where to deliver to {@code authority} and the key to encrypt to: its inbox and its newest
     * encryption key valid at {@code now} and not revoked anywhere.
     */
    public Recipient recipientFor(AuthorityId authority, Instant now) {
        var entries = new ArrayList<DirectoryEntry>();
        if (directory != null && now.isBefore(directory.expiresAt())) {
            directory.entries().stream()
                    .filter(e -> e.authority().id().equals(authority))
                    .forEach(entries::add);
        }
        pins.stream()
                .map(p -> p.card().entry())
                .filter(e -> e.authority().id().equals(authority))
                .forEach(entries::add);
        if (entries.isEmpty()) {
            throw new TrustRefused.UnknownAuthority("recipient", "no verified directory or pin names " + authority);
        }
        ECKey chosen = null;
        DirectoryEntry from = null;
        for (DirectoryEntry entry : entries) {
            for (ECKey key : entry.keys()) {
                if (Entries.purpose(key).orElseThrow() == KeyPurpose.ENCRYPTION
                        && revocation(key.getKeyID()) == null
                        && !key.getNotBeforeTime().toInstant().isAfter(now)
                        && now.isBefore(key.getExpirationTime().toInstant())
                        && (chosen == null || key.getNotBeforeTime().after(chosen.getNotBeforeTime()))) {
                    chosen = key;
                    from = entry;
                }
            }
        }
        if (chosen == null) {
            throw new TrustRefused.UnknownKey("recipient", authority + " has no current encryption key");
        }
        return new Recipient(from.authority(), chosen);
    }

    /** Every authority a current directory or a pin names, as verified there (a pin after the directory). */
    public List<org.comity.exchange.Authority> authorities(Instant now) {
        var all = new ArrayList<org.comity.exchange.Authority>();
        if (directory != null && now.isBefore(directory.expiresAt())) {
            directory.entries().forEach(e -> all.add(e.authority()));
        }
        pins.forEach(p -> all.add(p.card().entry().authority()));
        return all;
    }

    /** An authority to deliver to: its verified entry's identity (inbox) and the key to encrypt to. */
    public record Recipient(org.comity.exchange.Authority authority, ECKey encryptionKey) {}

    /** When any verified source revoked this key id, even one that lists it for another authority. */
    public @Nullable Instant revocation(String keyId) {
        var all = new ArrayList<DirectoryEntry>();
        if (directory != null) {
            all.addAll(directory.entries());
        }
        pins.forEach(p -> all.add(p.card().entry()));
        for (DirectoryEntry entry : all) {
            for (ECKey key : entry.keys()) {
                if (key.getKeyID().equals(keyId) && key.getKeyRevocation() != null) {
                    return key.getKeyRevocation().getRevocationTime().toInstant();
                }
            }
        }
        return null;
    }

    private record Listed(DirectoryEntry entry, TrustedKey.Source source) {}
}
