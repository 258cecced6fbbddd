package org.comity.exchange.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.comity.exchange.LocalAuthority;
import org.comity.exchange.TrustDirectory;
import org.comity.exchange.TrustRefused;
import org.comity.shared.Violation;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who this node is and whom it trusts, for administrators (auditors read it): the authority identity
 * with its keys and their fingerprints, key rotation, the configured directory operator keys and the
 * directory loaded last, the peers known with each key's standing, bilateral pins (import, verified
 * before anything is stored, and removal), loading a signed directory, and the card to export. Every
 * change goes through the same facade as the REST API and is audited there, with channel {@code
 * console}; a refused document is audited with the step that refused it and shown next to its input.
 */
@Controller
class ExchangePages {

    private static final String PAGE = "exchange/trust";
    private static final String READERS = "hasAnyRole('ADMIN', 'AUDITOR')";
    private static final String ADMIN = "hasRole('ADMIN')";
    private static final String CHANNEL = "console";
    /** A card is a few kilobytes; a directory at most 2 MiB (what the verifier accepts). */
    static final int MAX_CARD_CHARS = 64 * 1024;

    static final int MAX_DIRECTORY_CHARS = 2 * 1024 * 1024;

    private final LocalAuthority authority;
    private final TrustDirectory directory;

    ExchangePages(LocalAuthority authority, TrustDirectory directory) {
        this.authority = authority;
        this.directory = directory;
    }

    @GetMapping("/admin/exchange")
    @PreAuthorize(READERS)
    String page(Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FieldErrors.none());
        }
        return show(model);
    }

    @PostMapping("/admin/exchange/key-rotations")
    @PreAuthorize(ADMIN)
    String rotate(Principal principal, RedirectAttributes redirect) {
        authority.rotate(principal.getName(), CHANNEL);
        redirect.addFlashAttribute("done", "rotated");
        return "redirect:/admin/exchange#keys-title";
    }

    @PostMapping("/admin/exchange/pins")
    @PreAuthorize(ADMIN)
    String pin(
            @RequestParam(defaultValue = "") String card,
            @RequestParam(name = "cardFile", required = false) @Nullable MultipartFile cardFile,
            @RequestParam(defaultValue = "") String fingerprint,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        var problems = new ArrayList<Violation>();
        var text = document(card, cardFile, "card", MAX_CARD_CHARS, problems);
        if (fingerprint.isBlank()) {
            problems.add(new Violation(
                    "fingerprint", "fingerprint-required", "the fingerprint the peer confirmed out of band"));
        } else if (fingerprint.length() > 200) {
            problems.add(new Violation("fingerprint", "text-too-long", "a fingerprint is 64 hex digits"));
        }
        if (problems.isEmpty()) {
            try {
                var pinned = directory.pin(text, fingerprint, principal.getName(), CHANNEL);
                redirect.addFlashAttribute("done", "pinned");
                redirect.addFlashAttribute("pinnedAuthority", pinned.authority().id());
                return "redirect:/admin/exchange#pins-title";
            } catch (TrustRefused refused) {
                problems.addAll(refused.violations());
            }
        }
        // What was pasted comes back (it is a public document); a file must be chosen again.
        model.addAttribute("card", card.length() > MAX_CARD_CHARS ? "" : card);
        model.addAttribute("fingerprint", fingerprint.length() > 200 ? "" : fingerprint);
        model.addAttribute("errors", FieldErrors.of(problems, f -> "fingerprint".equals(f) ? "fingerprint" : "card"));
        response.setStatus(422);
        return show(model);
    }

    /**
     * Removing a pin stops messages from and to that authority unless the directory lists it, so the
     * first post only asks to confirm (a page of its own, no JavaScript needed); the confirmation posts
     * {@code confirm=yes}.
     */
    @PostMapping("/admin/exchange/pins/{id}/removal")
    @PreAuthorize(ADMIN)
    String unpin(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String confirm,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        if (!"yes".equals(confirm)) {
            var pin = directory.pins().stream()
                    .filter(p -> p.id() == id)
                    .findFirst()
                    .orElseThrow(() -> new org.comity.shared.NotFound("pin " + id));
            model.addAttribute("pin", pin);
            return "exchange/unpin";
        }
        directory.unpin(id, principal.getName(), CHANNEL);
        redirect.addFlashAttribute("done", "unpinned");
        return "redirect:/admin/exchange#pins-title";
    }

    @PostMapping("/admin/exchange/directory")
    @PreAuthorize(ADMIN)
    String load(
            @RequestParam(defaultValue = "") String document,
            @RequestParam(name = "directoryFile", required = false) @Nullable MultipartFile file,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        var problems = new ArrayList<Violation>();
        var text = document(document, file, "document", MAX_DIRECTORY_CHARS, problems);
        if (problems.isEmpty()) {
            try {
                directory.load(text, "upload", principal.getName(), CHANNEL);
                redirect.addFlashAttribute("done", "loaded");
                return "redirect:/admin/exchange#directory-title";
            } catch (TrustRefused refused) {
                problems.addAll(refused.violations());
            }
        }
        model.addAttribute("document", document.length() > 64 * 1024 ? "" : document);
        model.addAttribute("errors", FieldErrors.of(problems, f -> "document"));
        response.setStatus(422);
        return show(model);
    }

    /** This node's card as a file, to send to a peer's administrator (the fingerprint goes by another channel). */
    @GetMapping("/admin/exchange/authority-card.jws")
    @PreAuthorize(READERS)
    ResponseEntity<String> card() {
        var id = authority.identity().map(a -> a.id().value()).orElse("authority");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/jose"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + "-card.jws", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(authority.card());
    }

    /**
     * The pasted text or the chosen file, not both; a problem on {@code input} otherwise.
     */
    private static String document(
            String pasted, @Nullable MultipartFile file, String input, int max, List<Violation> problems)
            throws IOException {
        boolean hasFile = file != null && !file.isEmpty();
        if (hasFile && !pasted.isBlank()) {
            problems.add(new Violation(input, "one-source", "paste the document or choose a file, not both"));
            return "";
        }
        if (hasFile && file.getSize() > max) {
            problems.add(new Violation(input, "too-large", "at most " + max + " bytes"));
            return "";
        }
        var text = hasFile ? new String(file.getBytes(), StandardCharsets.US_ASCII) : pasted;
        if (text.isBlank()) {
            problems.add(new Violation(input, "document-required", "paste the signed document or choose its file"));
        } else if (text.length() > max) {
            problems.add(new Violation(input, "too-large", "at most " + max + " characters"));
        }
        return text.strip();
    }

    private String show(Model model) {
        model.addAttribute("identity", authority.identity().orElse(null));
        model.addAttribute("keys", authority.keys());
        model.addAttribute("operatorKeys", directory.operatorKeys());
        model.addAttribute("status", directory.directoryStatus());
        model.addAttribute("peers", directory.peers());
        model.addAttribute("pins", directory.pins());
        model.addAttribute("audit", directory.audit(20));
        return PAGE;
    }
}
