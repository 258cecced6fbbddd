package org.comity.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.comity.exchange.domain.SignedDocuments;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Loads the directory named by {@code comity.exchange.directory.location} once the node is up. Where
 * it came from proves nothing: the document goes through every verification step like an upload, and
 * a refused one leaves the directory in use as it was.
 */
class ConfiguredDirectory {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredDirectory.class);

    private final TrustDirectory directory;
    private final @Nullable String location;

    ConfiguredDirectory(TrustDirectory directory, @Nullable String location) {
        this.directory = directory;
        this.location = location;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAtStart() {
        if (location == null || location.isBlank()) {
            return;
        }
        String document;
        try {
            document = read(location).strip();
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read the trust directory at {}: {}", location, e.toString());
            return;
        }
        if (directory.storedDocument().filter(document::equals).isPresent()) {
            return; // loaded at an earlier start: nothing new
        }
        try {
            directory.load(document, "configured-location", "system", "start");
        } catch (TrustRefused refused) {
            log.warn(
                    "The trust directory at {} was refused at step {} ({}): {}; the directory in use is unchanged",
                    location,
                    refused.step(),
                    refused.field(),
                    refused.getMessage());
        }
    }

    static String read(String location) throws IOException {
        if (location.startsWith("https://") || location.startsWith("http://")) {
            var uri = URI.create(location);
            if (!Authority.acceptableInbox(uri)) {
                throw new IOException("a directory URL is https (http only on loopback)");
            }
            try (var client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build()) {
                var response = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    return bounded(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        var path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try (InputStream in = Files.newInputStream(path)) {
            return bounded(in);
        }
    }

    private static String bounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(SignedDocuments.MAX_CHARS + 1);
        if (bytes.length > SignedDocuments.MAX_CHARS) {
            throw new IOException("larger than " + SignedDocuments.MAX_CHARS + " bytes");
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
