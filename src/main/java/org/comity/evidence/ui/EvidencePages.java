package org.comity.evidence.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.evidence.Evidence;
import org.comity.evidence.ItemAnnouncement;
import org.comity.evidence.Transfers;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A request's evidence packages in the console. Adding an item works without JavaScript — one
 * multipart form, bounded by {@code comity.evidence.max-form-bytes} — and with it as a resumable upload:
 * the script announces the item ({@code …/uploads}, the form's fields without the file), then sends the
 * file in chunks by the tus {@code HEAD}/{@code PATCH} rules of the API, under the session and its CSRF
 * token, each chunk bounded by {@code comity.evidence.max-chunk-bytes}, asking the offset again and
 * resuming after a failure. Roles as in the API.
 */
@Controller
class EvidencePages {

    static final String READERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')";
    static final String WORKERS = "hasAnyRole('CASEWORKER', 'SUPERVISOR')";
    static final String SUPERVISOR = "hasRole('SUPERVISOR')";
    static final String OFFSET_STREAM = "application/offset+octet-stream";
    static final String TUS = "1.0.0";

    private final Evidence evidence;
    private final Transfers transfers;

    EvidencePages(Evidence evidence, Transfers transfers) {
        this.evidence = evidence;
        this.transfers = transfers;
    }

    /** One package on the page: what it is, its transfers and its custody chain. */
    record Shown(
            org.comity.evidence.PackageView pkg,
            List<org.comity.evidence.TransferView> transfers,
            org.comity.evidence.CustodyExport custody) {}

    @GetMapping("/requests/{id}/evidence")
    @PreAuthorize(READERS)
    String page(@PathVariable UUID id, Model model) {
        var shown = evidence.ofRequest(id).stream()
                .map(p -> new Shown(p, transfers.ofPackage(p.id()), evidence.custody(p.id())))
                .toList();
        model.addAttribute("requestId", id);
        model.addAttribute("packages", shown);
        model.addAttribute("maxFormMegabytes", evidence.maxFormBytes() / (1024 * 1024));
        model.addAttribute("chunkBytes", Math.min(evidence.maxChunkBytes(), 8L * 1024 * 1024));
        model.addAttribute("keyId", evidence.signingKeyId());
        return "evidence/packages";
    }

    @PostMapping("/requests/{id}/evidence")
    @PreAuthorize(WORKERS)
    String open(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        var created = evidence.create(id, null, principal.getName());
        redirect.addFlashAttribute("opened", true);
        return "redirect:/requests/" + id + "/evidence#package-" + created.id();
    }

    /** The plain form: the item's origin and its file, in one bounded multipart request. */
    @PostMapping("/evidence/packages/{id}/items")
    @PreAuthorize(WORKERS)
    String add(
            @PathVariable UUID id,
            @RequestParam Map<String, String> form,
            @RequestParam(value = "file", required = false) @Nullable MultipartFile file,
            Principal principal,
            RedirectAttributes redirect)
            throws IOException {
        var p = evidence.get(id);
        var back = "redirect:/requests/" + p.requestId() + "/evidence#package-" + id;
        try {
            var problems = new ArrayList<Violation>();
            if (file == null || file.isEmpty()) {
                problems.add(new Violation("file", "required", "choose the item's file"));
            } else if (file.getSize() > evidence.maxFormBytes()) {
                problems.add(new Violation(
                        "file",
                        "max-form-bytes",
                        "the form takes files up to " + evidence.maxFormBytes()
                                + " bytes; larger ones need JavaScript or the API"));
            }
            var announcement = announcement(
                    form,
                    file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getContentType(),
                    file == null ? 0 : file.getSize(),
                    problems);
            var item = evidence.announce(id, announcement, principal.getName());
            try (InputStream in = file.getInputStream()) {
                item = evidence.append(item.id(), 0, in, principal.getName());
            }
            redirect.addFlashAttribute("added", item.fileName());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("itemProblems", e.violations());
            redirect.addFlashAttribute("problemPackage", id);
        } catch (Conflict e) {
            redirect.addFlashAttribute("itemProblems", List.of(new Violation("package", e.rule(), e.getMessage())));
            redirect.addFlashAttribute("problemPackage", id);
        }
        return back;
    }

    /**
     * The script's announcement: the form's fields and the file's name, type and size, without its
     * bytes. Answers 201 with the upload's address, or a problem naming the fields.
     */
    @PostMapping(path = "/evidence/packages/{id}/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(WORKERS)
    @ResponseBody
    ResponseEntity<Map<String, Object>> announce(
            @PathVariable UUID id, @RequestParam Map<String, String> form, Principal principal) {
        long size;
        var problems = new ArrayList<Violation>();
        try {
            size = Long.parseLong(form.getOrDefault("size", ""));
        } catch (NumberFormatException e) {
            problems.add(new Violation("size", "integer", "the file's size in bytes"));
            size = 0;
        }
        var item = evidence.announce(
                id,
                announcement(form, form.get("fileName"), form.get("mediaType"), size, problems),
                principal.getName());
        var location = "/evidence/uploads/" + item.id();
        return ResponseEntity.created(URI.create(location))
                .body(Map.of("item", item.id(), "location", location, "length", item.sizeBytes()));
    }

    @RequestMapping(path = "/evidence/uploads/{item}", method = RequestMethod.HEAD)
    @PreAuthorize(WORKERS)
    ResponseEntity<Void> offset(@PathVariable UUID item) {
        var found = evidence.offset(item);
        return ResponseEntity.ok()
                .header("Tus-Resumable", TUS)
                .header("Upload-Offset", Long.toString(found.receivedBytes()))
                .header("Upload-Length", Long.toString(found.sizeBytes()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @PatchMapping(path = "/evidence/uploads/{item}")
    @PreAuthorize(WORKERS)
    ResponseEntity<Void> append(
            @PathVariable UUID item,
            @RequestHeader(name = "Upload-Offset", required = false) @Nullable String offset,
            HttpServletRequest request,
            Principal principal) {
        var type = request.getContentType();
        if (type == null || !type.strip().equalsIgnoreCase(OFFSET_STREAM)) {
            var refused = new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            refused.setDetail("an upload's bytes are sent as " + OFFSET_STREAM);
            throw refused;
        }
        if (offset == null || !offset.matches("\\d{1,18}")) {
            throw InvalidInput.of("Upload-Offset", "header-integer", "a non-negative integer");
        }
        try {
            var after = evidence.append(item, Long.parseLong(offset), request.getInputStream(), principal.getName());
            return ResponseEntity.noContent()
                    .header("Tus-Resumable", TUS)
                    .header("Upload-Offset", Long.toString(after.receivedBytes()))
                    .build();
        } catch (IOException | UncheckedIOException e) {
            var cut = new ErrorResponseException(HttpStatus.BAD_REQUEST);
            cut.setDetail("the body was cut short or longer than allowed; ask for the offset (HEAD) and resume");
            throw cut;
        }
    }

    @PostMapping("/evidence/packages/{id}/seal")
    @PreAuthorize(WORKERS)
    String seal(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        return act(id, redirect, "sealed", () -> evidence.seal(id, principal.getName()));
    }

    @PostMapping("/evidence/packages/{id}/transmissions")
    @PreAuthorize(WORKERS)
    String transmit(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        return act(id, redirect, "transmitted", () -> transfers.transmit(id, principal.getName()));
    }

    @PostMapping("/evidence/packages/{id}/retention")
    @PreAuthorize(SUPERVISOR)
    String retain(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String retainUntil,
            Principal principal,
            RedirectAttributes redirect) {
        return act(id, redirect, "retained", () -> {
            LocalDate day;
            try {
                day = LocalDate.parse(retainUntil == null ? "" : retainUntil.strip());
            } catch (DateTimeParseException e) {
                throw InvalidInput.of("retainUntil", "date", "a date such as 2030-12-31");
            }
            evidence.retain(id, day.atStartOfDay(ZoneOffset.UTC).toInstant(), principal.getName());
        });
    }

    @PostMapping("/evidence/packages/{id}/legal-hold")
    @PreAuthorize(SUPERVISOR)
    String hold(@PathVariable UUID id, @RequestParam boolean hold, Principal principal, RedirectAttributes redirect) {
        return act(id, redirect, hold ? "held" : "released", () -> evidence.hold(id, hold, principal.getName()));
    }

    /**
     * The confirmation step of deleting, a page of its own so it works without JavaScript: what
     * crypto-shredding does and cannot undo, and — if a legal hold or the retention date keeps the
     * package — why it cannot be deleted yet, with no button to confirm.
     */
    @GetMapping("/evidence/packages/{id}/delete")
    @PreAuthorize(SUPERVISOR)
    String confirmDeletion(@PathVariable UUID id, Model model) {
        var p = evidence.get(id);
        model.addAttribute("pkg", p);
        var refused = evidence.deletionRefused(id);
        if (refused != null) {
            model.addAttribute("refused", new Violation("package", refused.rule(), refused.getMessage()));
        }
        return "evidence/delete";
    }

    /**
     * Deletes by crypto-shredding, as {@code DELETE /api/evidence/packages/{id}} does (custody record
     * {@code deleted}); only with the confirmation page's {@code confirm=delete}, so a stray post of
     * the package page's button alone deletes nothing.
     */
    @PostMapping("/evidence/packages/{id}/delete")
    @PreAuthorize(SUPERVISOR)
    String delete(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String confirm,
            Principal principal,
            RedirectAttributes redirect) {
        if (!"delete".equals(confirm)) {
            return "redirect:/evidence/packages/" + id + "/delete";
        }
        return act(id, redirect, "deleted", () -> evidence.delete(id, principal.getName()));
    }

    @GetMapping("/evidence/packages/{id}/custody")
    @PreAuthorize(READERS)
    ResponseEntity<org.comity.evidence.CustodyExport> custody(@PathVariable UUID id, Principal principal) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("custody-" + id + ".json"))
                .body(evidence.exportCustody(id, principal.getName()));
    }

    @GetMapping("/evidence/packages/{id}/case-uco")
    @PreAuthorize(READERS)
    ResponseEntity<String> caseUco(@PathVariable UUID id, Principal principal) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/ld+json"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("case-uco-" + id + ".jsonld"))
                .body(evidence.exportCaseUco(id, principal.getName()));
    }

    /** Always a download of type octet-stream, so a browser never renders evidence. Recorded. */
    @GetMapping("/evidence/items/{item}/content")
    @PreAuthorize(READERS)
    void download(@PathVariable UUID item, Principal principal, HttpServletResponse response) throws IOException {
        var download = evidence.download(item, principal.getName());
        var shown = download.item();
        try (InputStream in = download.content().open()) {
            response.setStatus(200);
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(shown.sizeBytes());
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(shown.fileName(), StandardCharsets.UTF_8)
                            .build()
                            .toString());
            response.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(response.getOutputStream());
        }
    }

    private String act(UUID id, RedirectAttributes redirect, String done, Runnable action) {
        var p = evidence.get(id);
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("itemProblems", e.violations());
            redirect.addFlashAttribute("problemPackage", id);
        } catch (Conflict e) {
            redirect.addFlashAttribute("itemProblems", List.of(new Violation("package", e.rule(), e.getMessage())));
            redirect.addFlashAttribute("problemPackage", id);
        }
        return "redirect:/requests/" + p.requestId() + "/evidence#package-" + id;
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }

    /**
     * The item's description from the form. {@code collectedAt} is a date and time in UTC (the form's
     * {@code datetime-local}) or an ISO-8601 instant. Every problem at once, with those found before.
     */
    private static ItemAnnouncement announcement(
            Map<String, String> form,
            @Nullable String fileName,
            @Nullable String mediaType,
            long size,
            List<Violation> problems) {
        Instant collectedAt = null;
        var when = form.get("collectedAt");
        if (when != null && !when.isBlank()) {
            try {
                collectedAt = when.strip().endsWith("Z")
                        ? Instant.parse(when.strip())
                        : LocalDateTime.parse(when.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(new Violation("collectedAt", "instant", "a date and time such as 2026-03-01T10:00"));
            }
        } else {
            problems.add(new Violation("collectedAt", "required", "when the item was collected"));
        }
        if (blank(form.get("orderReference")) == null) {
            problems.add(new Violation("orderReference", "required", "the order that produced the item"));
        }
        if (blank(form.get("sourceName")) == null) {
            problems.add(new Violation("sourceName", "required", "who produced the item"));
        }
        var kind = blank(form.get("sourceKind"));
        if (kind == null) {
            problems.add(new Violation("sourceKind", "required", "the source is a provider or an examiner"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new ItemAnnouncement(
                fileName,
                blank(mediaType),
                form.get("orderReference"),
                kind,
                form.get("sourceName"),
                collectedAt,
                size);
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
