package org.comity.casework.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.comity.casework.AttachmentInfo;
import org.comity.shared.InvalidInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;

/**
 * Moving a document in and out over HTTP, the same for the API and the console: an upload is read only
 * after its size is checked, and a download is always an attachment the browser never renders, with its
 * SHA-256 as a digest header.
 */
public final class AttachmentTransfer {

    private AttachmentTransfer() {}

    /** The upload's bytes; a missing, oversized or unreadable file is a problem on the field {@code file}. */
    public static byte[] read(MultipartFile file, long maxBytes) {
        if (file == null || file.isEmpty()) {
            throw InvalidInput.of("file", "file-required", "choose a file");
        }
        if (file.getSize() > maxBytes) {
            throw InvalidInput.of("file", "file-too-large", "at most " + maxBytes + " bytes");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw InvalidInput.of("file", "unreadable", "the upload could not be read");
        }
    }

    public static ResponseEntity<byte[]> download(AttachmentInfo info, byte[] content) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(info.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(info.fileName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Digest",
                        "sha-256="
                                + Base64.getEncoder()
                                        .encodeToString(HexFormat.of().parseHex(info.sha256())))
                .body(content);
    }
}
