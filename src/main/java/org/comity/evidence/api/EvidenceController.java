package org.comity.evidence.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.comity.evidence.CustodyExport;
import org.comity.evidence.Evidence;
import org.comity.evidence.ItemView;
import org.comity.evidence.PackageView;
import org.comity.shared.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/evidence")
@Tag(name = "Evidence", description = "Evidence packages of a request, their items and custody chain")
class EvidenceController {

    static final String WORKERS = "hasAnyRole('CASEWORKER', 'SUPERVISOR')";
    static final String READERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')";

    private final Evidence evidence;

    EvidenceController(Evidence evidence) {
        this.evidence = evidence;
    }

    record NewPackage(@Nullable UUID requestId, @Nullable Instant retainUntil) {}

    @PostMapping("/packages")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize(WORKERS)
    @Operation(summary = "Open an evidence package for a request")
    ResponseEntity<PackageView> create(@RequestBody NewPackage body, Principal principal) {
        if (body.requestId() == null) {
            throw InvalidInput.of("requestId", "required", "the request the evidence belongs to");
        }
        var created = evidence.create(body.requestId(), body.retainUntil(), principal.getName());
        return ResponseEntity.created(URI.create("/api/evidence/packages/" + created.id()))
                .body(created);
    }

    @GetMapping("/packages")
    @PreAuthorize(READERS)
    @Operation(summary = "The evidence packages of a request")
    List<PackageView> ofRequest(@RequestParam UUID requestId) {
        return evidence.ofRequest(requestId);
    }

    @GetMapping(path = "/packages/{id}/case-uco", produces = "application/ld+json")
    @PreAuthorize(READERS)
    @Operation(summary = "The package's provenance in the CASE/UCO ontology, as JSON-LD (recorded)")
    String caseUco(@PathVariable UUID id, Principal principal) {
        return evidence.exportCaseUco(id, principal.getName());
    }

    @GetMapping("/packages/expiring")
    @PreAuthorize("hasAnyRole('SUPERVISOR', 'AUDITOR')")
    @Operation(summary = "Packages whose retention ends within the warning period, soonest first")
    List<PackageView> expiring() {
        return evidence.expiring();
    }

    @GetMapping("/packages/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "A package with its items and, once sealed, its signed manifest's digest")
    PackageView get(@PathVariable UUID id) {
        return evidence.get(id);
    }

    @PostMapping("/packages/{id}/seal")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Seal a package: sign its manifest; nothing is added or changed after")
    PackageView seal(@PathVariable UUID id, Principal principal) {
        return evidence.seal(id, principal.getName());
    }

    @GetMapping("/packages/{id}/custody")
    @PreAuthorize(READERS)
    @Operation(summary = "Export the custody chain, to verify offline with `comity evidence verify-custody`")
    ResponseEntity<CustodyExport> custody(@PathVariable UUID id, Principal principal) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("custody-" + id + ".json")
                                .build()
                                .toString())
                .body(evidence.exportCustody(id, principal.getName()));
    }

    record NewRetention(@Nullable Instant retainUntil) {}

    @PutMapping("/packages/{id}/retention")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Set the date until which a package is kept")
    PackageView retain(@PathVariable UUID id, @RequestBody NewRetention body, Principal principal) {
        if (body.retainUntil() == null) {
            throw InvalidInput.of("retainUntil", "required", "the date until which the package is kept");
        }
        return evidence.retain(id, body.retainUntil(), principal.getName());
    }

    record Hold(@Nullable Boolean hold) {}

    @PutMapping("/packages/{id}/legal-hold")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Place or release a legal hold; a held package is not deleted")
    PackageView hold(@PathVariable UUID id, @RequestBody Hold body, Principal principal) {
        if (body.hold() == null) {
            throw InvalidInput.of("hold", "required", "true to place a hold, false to release it");
        }
        return evidence.hold(id, body.hold(), principal.getName());
    }

    @DeleteMapping("/packages/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Delete a package after its retention: its keys are destroyed, its custody chain stays")
    PackageView delete(@PathVariable UUID id, Principal principal) {
        return evidence.delete(id, principal.getName());
    }

    @GetMapping("/items/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "An item: origin, type, size, how much has arrived and its SHA-256")
    ItemView item(@PathVariable UUID id) {
        return evidence.item(id);
    }

    /**
     * Streams the decrypted item, always as an attachment of type {@code application/octet-stream} so
     * a browser never renders evidence. {@code Repr-Digest} (RFC 9530) carries the SHA-256 computed at
     * ingest; a changed stored byte aborts the transfer before the segment holding it is sent, so the
     * client receives fewer bytes than {@code Content-Length} says.
     */
    @GetMapping("/items/{id}/content")
    @PreAuthorize(READERS)
    @Operation(summary = "Download an item's content, decrypted as it streams")
    void download(@PathVariable UUID id, Principal principal, HttpServletResponse response) throws IOException {
        var download = evidence.download(id, principal.getName());
        var item = download.item();
        try (InputStream in = download.content().open()) {
            response.setStatus(200);
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(item.sizeBytes());
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(item.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                            .build()
                            .toString());
            response.setHeader(
                    "Repr-Digest",
                    "sha-256=:"
                            + Base64.getEncoder()
                                    .encodeToString(java.util.HexFormat.of().parseHex(item.sha256()))
                            + ":");
            response.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(response.getOutputStream());
        }
    }
}
