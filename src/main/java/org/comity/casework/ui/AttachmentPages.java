package org.comity.casework.ui;

import java.security.Principal;
import java.util.UUID;
import org.comity.casework.Attachments;
import org.comity.casework.api.AttachmentTransfer;
import org.comity.shared.InvalidInput;
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
            var content = AttachmentTransfer.read(file, attachments.maxBytes());
            var info = attachments.attach(
                    id, file.getOriginalFilename(), file.getContentType(), content, principal.getName());
            redirect.addFlashAttribute("attached", info.fileName());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("attachmentProblems", e.violations());
        }
        return "redirect:/requests/" + id + "#documents";
    }

    @GetMapping("/requests/{id}/attachments/{attachment}")
    @PreAuthorize(RequestPages.READERS)
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachment) {
        return AttachmentTransfer.download(attachments.info(id, attachment), attachments.content(id, attachment));
    }
}
