package org.comity.transparency.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Locates and reads the interoperability vectors in the shared folder next to the project. */
public final class SharedVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedVectors() {}

    public static Path dir() {
        Path shared = Path.of(System.getProperty("comity.test.shared-dir", "../shared"));
        Path vectors = shared.resolve("testvectors");
        if (!Files.isDirectory(vectors)) {
            throw new IllegalStateException("test vectors not found at " + vectors.toAbsolutePath());
        }
        return vectors;
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
