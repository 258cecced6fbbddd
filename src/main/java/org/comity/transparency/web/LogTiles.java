package org.comity.transparency.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.comity.shared.NotFound;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.tiles.EntryBundleId;
import org.comity.transparency.domain.tiles.TileId;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log in the C2SP tlog-tiles layout under {@code /log/}: the checkpoint, hash tiles and entry
 * bundles, so generic tlog clients, witnesses and mirrors can read it. A tile path's content never
 * changes (a partial tile's path names its width), so tiles are served as immutable.
 */
@RestController
class LogTiles {

    static final String PREFIX = "/log/";

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final TransparencyLog log;

    LogTiles(TransparencyLog log) {
        this.log = log;
    }

    @GetMapping("/log/checkpoint")
    ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok()
                .contentType(TEXT)
                .cacheControl(CacheControl.noCache())
                .body(log.checkpoint().serialize());
    }

    /** The C2SP tlog-policy of this log: its key, its witnesses and the quorum of their cosignatures. */
    @GetMapping("/log/policy")
    ResponseEntity<String> policy() {
        return ResponseEntity.ok()
                .contentType(TEXT)
                .cacheControl(CacheControl.noCache())
                .body(log.policy());
    }

    @GetMapping("/log/tile/**")
    ResponseEntity<byte[]> tile(HttpServletRequest request) {
        String path = request.getRequestURI().substring(PREFIX.length());
        TileId id;
        try {
            id = TileId.parse(path);
        } catch (FormatException e) {
            throw new NotFound("tile");
        }
        byte[] content = log.tile(id).orElseThrow(() -> new NotFound("tile"));
        CacheControl cache = id.isFull()
                ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
                : CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
        var response = ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(cache);
        if (id instanceof EntryBundleId) {
            // tlog-tiles: entry bundles SHOULD be served compressed to clients that accept it (JSON
            // entries shrink several times); hash tiles are random bytes and are not worth it.
            response.varyBy(HttpHeaders.ACCEPT_ENCODING);
            if (acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
                return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzip(content));
            }
        }
        return response.body(content);
    }

    /** Whether an Accept-Encoding header lists gzip without refusing it ({@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            if (pieces[0].trim().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < pieces.length; i++) {
                    String p = pieces[i].trim().replace(" ", "");
                    if (p.matches("q=0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] content) {
        var out = new java.io.ByteArrayOutputStream(content.length / 3 + 64);
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("in-memory gzip failed", e);
        }
        return out.toByteArray();
    }
}
