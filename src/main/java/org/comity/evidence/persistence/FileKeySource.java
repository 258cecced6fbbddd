package org.comity.evidence.persistence;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.comity.evidence.domain.KeySource;
import org.comity.node.SecretFiles;

/**
 * The default node key: a Tink AES-256-GCM keyset in an owner-only file ({@code evidence-node-key.json}
 * in the keys directory), made at first start. Whoever reads this file and the database can decrypt
 * every item; a PKCS#11 or KMS key source keeps the key out of reach of both.
 */
public final class FileKeySource implements KeySource {

    private final Aead aead;
    private final String id;

    public FileKeySource(Path file) {
        try {
            AeadConfig.register();
            if (!java.nio.file.Files.exists(file)) {
                var fresh = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
                SecretFiles.createOwnerOnly(
                        file, TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()));
            }
            var keyset = TinkJsonProtoKeysetFormat.parseKeyset(
                    SecretFiles.readOwnerOnly(file), InsecureSecretKeyAccess.get());
            this.aead = keyset.getPrimitive(Aead.class);
            this.id = "file:" + Integer.toUnsignedString(keyset.getKeysetInfo().getPrimaryKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the evidence node key file " + file + " is not a Tink AEAD keyset", e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Aead keyEncryptionKey() {
        return aead;
    }
}
