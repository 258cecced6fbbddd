package org.comity.transparency.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.comity.node.SecretFiles;
import org.comity.transparency.domain.note.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's signing key, in a file outside the database (so a database dump cannot forge
 * checkpoints), in Go's private key format, readable by the node's user only. Generated at first
 * start; a key for another origin is refused, since a log's origin never changes.
 */
public final class LogKeyFile {

    private static final Logger log = LoggerFactory.getLogger(LogKeyFile.class);

    private LogKeyFile() {}

    public static NoteSigner loadOrCreate(Path file, String origin) {
        try {
            if (!Files.exists(file)) {
                create(file, origin);
            }
            NoteSigner signer = NoteSigner.parse(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (!signer.name().equals(origin)) {
                throw new IllegalStateException("the log key in " + file + " is for origin '" + signer.name()
                        + "', not the configured '" + origin + "': a log's origin cannot change");
            }
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log key " + file, e);
        }
    }

    private static void create(Path file, String origin) {
        NoteSigner signer = NoteSigner.generate(origin);
        // Another process may have created it first; then its key is the one read back.
        if (SecretFiles.createOwnerOnly(file, signer.encodedPrivateKey() + "\n")) {
            log.info(
                    "Generated the transparency log key in {}; verifier key {}",
                    file,
                    signer.verifier().encoded());
        }
    }
}
