package org.comity.evidence.domain;

import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Each item's own key: a Tink keyset for streaming AEAD ({@code AES256_GCM_HKDF_1MB}: 1 MiB segments,
 * each authenticated, so a reader never receives a byte of a segment that was changed), kept only
 * wrapped by the node key, bound to its item's id. Destroying the wrapped keyset makes the item's
 * ciphertext unreadable for good (crypto-shredding), wherever copies of it remain.
 */
public final class ItemKeys {

    static {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot register its primitives", e);
        }
    }

    public static final String TEMPLATE = "AES256_GCM_HKDF_1MB";

    /** Calling it runs the registration above, for the other key types of this package. */
    static void ensureRegistered() {
        // the class initialiser did the work
    }

    private final StreamingAead aead;

    private ItemKeys(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(StreamingAead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a streaming AEAD keyset", e);
        }
    }

    /** A new item key and its wrapped form, the only one stored. */
    public record Generated(ItemKeys keys, byte[] wrapped) {}

    public static Generated generate(UUID itemId, KeySource source) {
        try {
            var keyset = KeysetHandle.generateNew(KeyTemplates.get(TEMPLATE));
            var wrapped =
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, source.keyEncryptionKey(), binding(itemId));
            return new Generated(new ItemKeys(keyset), wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an item key", e);
        }
    }

    /** Unwraps an item's keyset; throws if it was wrapped by another key or for another item. */
    public static ItemKeys unwrap(UUID itemId, byte[] wrapped, KeySource source) {
        try {
            return new ItemKeys(
                    TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, source.keyEncryptionKey(), binding(itemId)));
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused("the item's key does not unwrap with the node key " + source.id());
        }
    }

    /**
     * Has the JIT compile AES-GCM to its AES-NI/CLMUL intrinsics before the first item arrives. It does
     * so only after some ten thousand calls, and a 1 MiB segment is one call: a node's first gigabytes
     * were encrypted at ~50 MiB/s instead of ~2 GiB/s (EvidenceStreamTool). Small blocks make the
     * calls cheap; run on a background thread once the node is ready ({@code Evidence}).
     */
    public static void warmUp() {
        try {
            var key = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
            var cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            var plain = new byte[4096];
            var sealed = new byte[plain.length + 16];
            var iv = new byte[12];
            for (int i = 0; i < 30_000; i++) {
                iv[0] = (byte) i;
                iv[1] = (byte) (i >> 8);
                iv[2] = (byte) (i >> 16);
                var spec = new javax.crypto.spec.GCMParameterSpec(128, iv);
                cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, spec);
                cipher.doFinal(plain, 0, plain.length, sealed, 0);
                cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key, spec);
                cipher.doFinal(sealed, 0, sealed.length, plain, 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    private static byte[] binding(UUID itemId) {
        return ("comity-evidence-item-key-v1:" + itemId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The plaintext written to the returned stream is encrypted into {@code ciphertext}. */
    public OutputStream encrypting(OutputStream ciphertext, byte[] associatedData) throws IOException {
        try {
            return aead.newEncryptingStream(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encrypting", e);
        }
    }

    /** Reads {@code ciphertext} decrypted; a read fails on any segment that was changed, cut or moved. */
    public InputStream decrypting(InputStream ciphertext, byte[] associatedData) throws IOException {
        try {
            return aead.newDecryptingStream(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decrypting", e);
        }
    }
}
