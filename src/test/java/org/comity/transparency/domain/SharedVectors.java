package org.comity.transparency.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Locates and reads the interoperability vectors kept in the repository under {@code
 * src/test/resources/testvectors} (their origin and licence are in the README there), so a plain clone
 * needs nothing beside it.
 */
public final class SharedVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedVectors() {}

    public static Path dir() {
        URL vectors = SharedVectors.class.getResource("/testvectors/README.md");
        if (vectors == null) {
            throw new IllegalStateException("test vectors not found on the test classpath (/testvectors)");
        }
        try {
            return Path.of(vectors.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(String relative) {
        return read(dir().resolve(relative));
    }

    public static JsonNode read(Path file) {
        return JSON.readTree(file);
    }

    /** All JSON files under {@code relative}, sorted so test names are stable. */
    public static List<Path> files(String relative) {
        try (Stream<Path> walk = Files.walk(dir().resolve(relative))) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
