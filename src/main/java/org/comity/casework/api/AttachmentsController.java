package org.comity.casework.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.comity.casework.AttachmentInfo;
import org.comity.casework.Attachments;
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
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')")
    @Operation(summary = "Attach a document (PDF, image, office document or text; type checked against content)")
    ResponseEntity<AttachmentInfo> attach(
            @PathVariable UUID requestId, @RequestParam("file") MultipartFile file, Principal principal) {
        var content = AttachmentTransfer.read(file, attachments.maxBytes());
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
        return AttachmentTransfer.download(attachments.info(requestId, id), attachments.content(requestId, id));
    }
}
