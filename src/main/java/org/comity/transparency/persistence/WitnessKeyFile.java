package org.comity.transparency.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.comity.node.SecretFiles;
import org.comity.transparency.domain.note.CosignerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness's cosigning key, kept like the log key: a file outside the database, owner-only,
 * generated at first start. A key of another name is refused: logs and verifiers know the witness by
 * name and key.
 */
public final class WitnessKeyFile {

    private static final Logger log = LoggerFactory.getLogger(WitnessKeyFile.class);

    private WitnessKeyFile() {}

    public static CosignerKey loadOrCreate(Path file, String name) {
        try {
            if (!Files.exists(file)) {
                CosignerKey key = CosignerKey.generate(name);
                if (SecretFiles.createOwnerOnly(file, key.encodedPrivateKey() + "\n")) {
                    log.info(
                            "Generated the witness key in {}; verifier key {}",
                            file,
                            key.verifier().encoded());
                }
            }
            CosignerKey key = CosignerKey.parse(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (!key.name().equals(name)) {
                throw new IllegalStateException("the witness key in " + file + " is named '" + key.name()
                        + "', not the configured '" + name + "'");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the witness key " + file, e);
        }
    }
}
