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
import java.util.regex.Pattern;
import org.comity.exchange.domain.Entries;
import org.comity.node.SecretFiles;

/**
 * The node's own exchange keys: one private JWK per file, {@code exchange-<n>-<use>-<kid>.jwk},
 * owner-only, in the keys directory next to the transparency log key. Files are only ever added (a
 * rotation adds a key, an old one stays until it expires and then is simply not published); none is
 * rewritten. {@code n} counts up with every key, so the keys load in the order they were made: two
 * made within one second (same {@code nbf}) are still told apart, and the later one is in use.
 */
public final class KeyFiles {

    private final Path directory;

    public KeyFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    private static final Pattern NAME = Pattern.compile("exchange-(\\d{6,9})-(sig|enc)-[A-Za-z0-9_-]{43}\\.jwk");

    public List<ECKey> load() {
        var keys = new ArrayList<ECKey>();
        for (Path file : files()) {
            keys.add(read(file));
        }
        return keys;
    }

    /** The key files in the order they were made. */
    private List<Path> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(KeyFiles::number))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the exchange keys in " + directory, e);
        }
    }

    private static long number(Path file) {
        var matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Stores a new key; refuses to replace a file, so a key once written stays as it was. */
    public void store(ECKey key) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the node stores its own private keys only");
        }
        var existing = files();
        long next = existing.isEmpty() ? 1 : number(existing.getLast()) + 1;
        // Another process may take a number first; the next free one is as good.
        for (int attempt = 0; attempt < 100; attempt++, next++) {
            var file = directory.resolve(String.format(
                    "exchange-%06d-%s-%s.jwk", next, key.getKeyUse().identifier(), key.getKeyID()));
            if (SecretFiles.createOwnerOnly(file, key.toJSONString() + "\n")) {
                return;
            }
        }
        throw new IllegalStateException("cannot find a free name for the exchange key " + key.getKeyID());
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
