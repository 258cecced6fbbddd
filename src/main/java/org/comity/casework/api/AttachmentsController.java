package org.comity.casework.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.comity.casework.AttachmentInfo;
import org.comity.casework.Attachments;
import org.comity.shared.InvalidInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/requests/{requestId}/attachments")
@Tag(name = "Attachments", description = "Documents attached to a request")
class AttachmentsController {

    private final Attachments attachments;

    AttachmentsController(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')")
    @Operation(summary = "Attach a document (PDF, image, office document or text; type checked against content)")
    ResponseEntity<AttachmentInfo> attach(
            @PathVariable UUID requestId, @RequestParam("file") MultipartFile file, Principal principal) {
        byte[] content;
        try {
            if (file.getSize() > attachments.maxBytes()) {
                throw InvalidInput.of("file", "file-too-large", "at most " + attachments.maxBytes() + " bytes");
            }
            content = file.getBytes();
        } catch (IOException e) {
            throw InvalidInput.of("file", "unreadable", "the upload could not be read");
        }
        var info = attachments.attach(
                requestId, file.getOriginalFilename(), file.getContentType(), content, principal.getName());
        return ResponseEntity.created(URI.create("/api/requests/" + requestId + "/attachments/" + info.id()))
                .body(info);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')")
    @Operation(summary = "The documents attached to a request")
    List<AttachmentInfo> list(@PathVariable UUID requestId) {
        return attachments.list(requestId);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')")
    @Operation(summary = "Download a document; always as an attachment, never rendered in the browser")
    ResponseEntity<byte[]> download(@PathVariable UUID requestId, @PathVariable UUID id) {
        var info = attachments.info(requestId, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(info.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(info.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(
                        "Digest",
                        "sha-256="
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(info.sha256())))
                .body(attachments.content(requestId, id));
    }
}
