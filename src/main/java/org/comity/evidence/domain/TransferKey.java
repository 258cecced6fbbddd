package org.comity.evidence.domain;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * The key one transfer's chunks are encrypted with: a Tink streaming AEAD keyset ({@code
 * AES256_GCM_HKDF_1MB}) made by the sender, which reaches the recipient only inside the announcement,
 * a message signed by the sender's authority key and encrypted to the recipient's. A chunk that
 * decrypts under it therefore comes from the sender, unchanged; each chunk's associated data names
 * the transfer, the item and the offset, so a chunk cannot be replayed at another place. Each side
 * keeps it only wrapped by its own node key.
 */
public final class TransferKey {

    static {
        ItemKeys.ensureRegistered();
    }

    private final KeysetHandle keyset;
    private final StreamingAead aead;

    private TransferKey(KeysetHandle keyset) {
        this.keyset = keyset;
        try {
            this.aead = keyset.getPrimitive(StreamingAead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a streaming AEAD keyset", e);
        }
    }

    public static TransferKey generate() {
        try {
            return new TransferKey(KeysetHandle.generateNew(KeyTemplates.get(ItemKeys.TEMPLATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a transfer key", e);
        }
    }

    /** The key as the announcement carries it (inside the encrypted message only). */
    public byte[] forRecipient() {
        try {
            return TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialise the transfer key", e);
        }
    }

    /** The key read from an announcement; throws if it is not a streaming AEAD keyset. */
    public static TransferKey fromAnnouncement(byte[] keyset) {
        try {
            return new TransferKey(TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignatureRefused("the announcement's transfer key is not a streaming AEAD keyset");
        }
    }

    public byte[] wrap(UUID transferId, KeySource source) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    keyset, source.keyEncryptionKey(), binding(transferId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the transfer key", e);
        }
    }

    public static TransferKey unwrap(UUID transferId, byte[] wrapped, KeySource source) {
        try {
            return new TransferKey(TinkProtoKeysetFormat.parseEncryptedKeyset(
                    wrapped, source.keyEncryptionKey(), binding(transferId)));
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused("the transfer key does not unwrap with the node key " + source.id());
        }
    }

    /** One chunk of an item, {@code plain} being its bytes from {@code offset}. */
    public byte[] seal(UUID transferId, UUID senderItem, long offset, byte[] plain, int length) {
        var out = new ByteArrayOutputStream(length + length / 64 + 64);
        try (var encrypting = aead.newEncryptingStream(out, associatedData(transferId, senderItem, offset))) {
            encrypting.write(plain, 0, length);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a chunk", e);
        }
        return out.toByteArray();
    }

    /** The chunk's bytes; throws {@link ChunkRefused} if any byte of it was changed, cut or moved. */
    public byte[] open(UUID transferId, UUID senderItem, long offset, byte[] chunk) {
        try (var in = aead.newDecryptingStream(
                new ByteArrayInputStream(chunk), associatedData(transferId, senderItem, offset))) {
            return in.readAllBytes();
        } catch (IOException | GeneralSecurityException e) {
            throw new ChunkRefused("undecryptable");
        }
    }

    static byte[] associatedData(UUID transferId, UUID senderItem, long offset) {
        return ("comity-evidence-transfer-v1:" + transferId + ":" + senderItem + ":" + offset)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] binding(UUID transferId) {
        return ("comity-evidence-transfer-key-v1:" + transferId).getBytes(StandardCharsets.US_ASCII);
    }
}
