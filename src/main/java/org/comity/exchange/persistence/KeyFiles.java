package org.comity.exchange.persistence;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.comity.exchange.domain.Entries;
import org.comity.node.SecretFiles;

/**
 * The node's own exchange keys: one private JWK per file, {@code exchange-<use>-<kid>.jwk}, owner-only,
 * in the keys directory next to the transparency log key. Files are only ever added (a rotation adds
 * a key, an old one stays until it expires and then is simply not published); none is rewritten.
 */
public final class KeyFiles {

    private final Path directory;

    public KeyFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path fileFor(ECKey key) {
        return directory.resolve("exchange-" + key.getKeyUse().identifier() + "-" + key.getKeyID() + ".jwk");
    }

    public List<ECKey> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        var keys = new ArrayList<ECKey>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(KeyFiles::isKeyFile).sorted().toList()) {
                keys.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the exchange keys in " + directory, e);
        }
        keys.sort(Comparator.comparing(ECKey::getNotBeforeTime));
        return keys;
    }

    /** Stores a new key; refuses to replace a file, so a key once written stays as it was. */
    public void store(ECKey key) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the node stores its own private keys only");
        }
        if (!SecretFiles.createOwnerOnly(fileFor(key), key.toJSONString() + "\n")) {
            throw new IllegalStateException("a key file for " + key.getKeyID() + " exists already");
        }
    }

    private static boolean isKeyFile(Path file) {
        var name = file.getFileName().toString();
        return name.startsWith("exchange-") && name.endsWith(".jwk");
    }

    private static ECKey read(Path file) {
        try {
            var key = ECKey.parse(SecretFiles.readOwnerOnly(file).strip());
            if (!key.isPrivate() || !Entries.thumbprint(key).equals(key.getKeyID())) {
                throw new IllegalStateException(
                        "the exchange key file " + file + " holds no private key named by" + " its thumbprint");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("the exchange key file " + file + " is not a JWK", e);
        }
    }
}
