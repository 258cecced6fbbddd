package org.comity.transparency.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Reads a node's public log over HTTP(S). Holds fetched tiles for the duration of one command. */
final class NodeClient {

    /** A resource the node does not have (HTTP 404). */
    static final class Missing extends RuntimeException {
        Missing(String path) {
            super("the node has no " + path);
        }
    }

    private final URI base;
    private final HttpClient http;
    /**
     * Recently fetched tiles (a proof and a root reuse the same few). Bounded: `verify --full` walks
     * every tile of a log of any size and must run in constant memory.
     */
    private final Map<String, byte[]> cache = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > 2048;
        }
    };

    NodeClient(String base) {
        String normalized = base.endsWith("/") ? base : base + "/";
        this.base = URI.create(normalized);
        if (!"https".equals(this.base.getScheme()) && !"http".equals(this.base.getScheme())) {
            throw new IllegalArgumentException("--node must be an http(s) URL");
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** GET {@code path} (relative, no leading slash); tiles are cached, the checkpoint is not. */
    byte[] get(String path) {
        byte[] cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                throw new Missing(path);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered HTTP " + response.statusCode());
            }
            if (path.startsWith("log/tile/")) {
                cache.put(path, response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + base.resolve(path) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
