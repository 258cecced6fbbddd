package org.comity.casework.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.UUID;
import org.comity.casework.Attachments;
import org.comity.shared.InvalidInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The request page's documents: attaching one (type checked against its content, size-bounded,
 * hashed, never altered) and downloading one, always as a download so a browser never renders it.
 */
@Controller
class AttachmentPages {

    private final Attachments attachments;

    AttachmentPages(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping("/requests/{id}/attachments")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')")
    String attach(
            @PathVariable UUID id,
            @RequestParam(value = "file", required = false) MultipartFile file,
            Principal principal,
            RedirectAttributes redirect) {
        try {
            if (file == null || file.isEmpty()) {
                throw InvalidInput.of("file", "file-required", "choose a file");
            }
            if (file.getSize() > attachments.maxBytes()) {
                throw InvalidInput.of("file", "file-too-large", "at most " + attachments.maxBytes() + " bytes");
            }
            var info = attachments.attach(
                    id, file.getOriginalFilename(), file.getContentType(), readAll(file), principal.getName());
            redirect.addFlashAttribute("attached", info.fileName());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("attachmentProblems", e.violations());
        }
        return "redirect:/requests/" + id + "#documents";
    }

    @GetMapping("/requests/{id}/attachments/{attachment}")
    @PreAuthorize(RequestPages.READERS)
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachment) {
        var info = attachments.info(id, attachment);
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
                .body(attachments.content(id, attachment));
    }

    private static byte[] readAll(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw InvalidInput.of("file", "unreadable", "the upload could not be read");
        }
    }
}
