package org.comity.evidence.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.comity.evidence.Evidence;
import org.comity.evidence.EvidenceProperties;
import org.comity.evidence.ItemAnnouncement;
import org.comity.shared.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads by the tus 1.0.0 protocol, core and {@code creation} extension: {@code POST} with
 * {@code Upload-Length} and {@code Upload-Metadata} announces an item, {@code PATCH} with {@code
 * Upload-Offset} appends bytes, {@code HEAD} tells the offset to resume from. Written here rather than
 * taken from tus-java-server: that library (last release 2023) pins the Servlet 6.0 API and SLF4J 1.7,
 * and stores uploads itself as plaintext files, where every byte must be hashed and encrypted as it
 * streams in. Each PATCH body is bounded by {@code comity.web.max-request-bytes}, so clients send
 * chunks of at most that size.
 */
@RestController
@RequestMapping("/api/evidence")
@Tag(name = "Evidence uploads", description = "Resumable uploads of items (tus 1.0.0: core and creation)")
class UploadsController {

    static final String TUS = "1.0.0";
    static final String OFFSET_STREAM = "application/offset+octet-stream";

    private final Evidence evidence;
    private final long maxItemBytes;

    UploadsController(Evidence evidence, EvidenceProperties properties) {
        this.evidence = evidence;
        this.maxItemBytes = properties.maxItemBytes();
    }

    @RequestMapping(path = "/packages/{id}/uploads", method = RequestMethod.OPTIONS)
    @PreAuthorize(EvidenceController.WORKERS)
    @Operation(summary = "What this server supports of tus")
    ResponseEntity<Void> options(@PathVariable UUID id) {
        return ResponseEntity.noContent()
                .header("Tus-Resumable", TUS)
                .header("Tus-Version", TUS)
                .header("Tus-Extension", "creation")
                .header("Tus-Max-Size", Long.toString(maxItemBytes))
                .build();
    }

    /**
     * Announces an item. {@code Upload-Metadata} carries its description, each value base 64: {@code
     * filename}, {@code filetype} (media type), {@code orderReference}, {@code sourceKind} ({@code
     * provider} or {@code examiner}), {@code sourceName}, {@code collectedAt} (ISO-8601 instant).
     */
    @PostMapping("/packages/{id}/uploads")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize(EvidenceController.WORKERS)
    @Operation(summary = "Create an upload (tus creation): announce an item of an open package")
    ResponseEntity<Void> create(
            @PathVariable UUID id,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String tus,
            @RequestHeader(name = "Upload-Length", required = false) @Nullable String length,
            @RequestHeader(name = "Upload-Metadata", required = false) @Nullable String metadata,
            Principal principal) {
        resumable(tus);
        long size = number("Upload-Length", length);
        var meta = metadata(metadata);
        Instant collectedAt = null;
        if (meta.get("collectedAt") != null) {
            try {
                collectedAt = Instant.parse(meta.get("collectedAt"));
            } catch (DateTimeParseException e) {
                throw InvalidInput.of(
                        "Upload-Metadata.collectedAt", "instant", "an ISO-8601 instant such as 2026-03-01T10:00:00Z");
            }
        }
        var item = evidence.announce(
                id,
                new ItemAnnouncement(
                        meta.get("filename"),
                        meta.get("filetype"),
                        meta.get("orderReference"),
                        meta.get("sourceKind"),
                        meta.get("sourceName"),
                        collectedAt,
                        size),
                principal.getName());
        return ResponseEntity.created(URI.create("/api/evidence/uploads/" + item.id()))
                .header("Tus-Resumable", TUS)
                .header("Upload-Offset", "0")
                .build();
    }

    @RequestMapping(path = "/uploads/{itemId}", method = RequestMethod.HEAD)
    @PreAuthorize(EvidenceController.WORKERS)
    @Operation(summary = "The offset to resume an upload from")
    ResponseEntity<Void> offset(
            @PathVariable UUID itemId, @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String tus) {
        resumable(tus);
        var item = evidence.offset(itemId);
        return ResponseEntity.ok()
                .header("Tus-Resumable", TUS)
                .header("Upload-Offset", Long.toString(item.receivedBytes()))
                .header("Upload-Length", Long.toString(item.sizeBytes()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @PatchMapping(path = "/uploads/{itemId}")
    @PreAuthorize(EvidenceController.WORKERS)
    @Operation(summary = "Append bytes at the upload's offset (body: application/offset+octet-stream)")
    ResponseEntity<Void> append(
            @PathVariable UUID itemId,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String tus,
            @RequestHeader(name = "Upload-Offset", required = false) @Nullable String offset,
            HttpServletRequest request,
            Principal principal) {
        resumable(tus);
        var type = request.getContentType();
        if (type == null || !type.strip().equalsIgnoreCase(OFFSET_STREAM)) {
            var refused = new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            refused.setDetail("an upload's bytes are sent as " + OFFSET_STREAM);
            throw refused;
        }
        long from = number("Upload-Offset", offset);
        try {
            var item = evidence.append(itemId, from, request.getInputStream(), principal.getName());
            return ResponseEntity.noContent()
                    .header("Tus-Resumable", TUS)
                    .header("Upload-Offset", Long.toString(item.receivedBytes()))
                    .build();
        } catch (IOException | UncheckedIOException e) {
            var cut = new ErrorResponseException(HttpStatus.BAD_REQUEST);
            cut.setDetail("the body was cut short or longer than allowed; only its whole parts were kept: ask for"
                    + " the offset (HEAD) and resume");
            throw cut;
        }
    }

    private static void resumable(@Nullable String tus) {
        if (!TUS.equals(tus)) {
            var refused = new ErrorResponseException(HttpStatus.PRECONDITION_FAILED);
            refused.getHeaders().set("Tus-Version", TUS);
            refused.setDetail("send Tus-Resumable: " + TUS);
            throw refused;
        }
    }

    private static long number(String header, @Nullable String value) {
        if (value == null || !value.matches("\\d{1,18}")) {
            throw InvalidInput.of(header, "header-integer", "a non-negative integer in the " + header + " header");
        }
        return Long.parseLong(value);
    }

    /** tus metadata: comma-separated pairs of a key and its value in base 64. */
    static Map<String, String> metadata(@Nullable String header) {
        var values = new HashMap<String, String>();
        if (header == null || header.isBlank()) {
            return values;
        }
        for (String pair : header.split(",")) {
            var parts = pair.strip().split(" ");
            if (parts.length == 0 || parts.length > 2 || !parts[0].matches("[A-Za-z][A-Za-z0-9_-]{0,40}")) {
                throw InvalidInput.of(
                        "Upload-Metadata", "tus-metadata", "pairs of a key and a base-64 value, comma-separated");
            }
            try {
                var decoded = parts.length == 2
                        ? new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        : "";
                if (values.put(parts[0], decoded) != null) {
                    throw InvalidInput.of("Upload-Metadata." + parts[0], "unique", "each key once");
                }
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("Upload-Metadata." + parts[0], "base64", "the value in base 64");
            }
        }
        return values;
    }
}
