package org.comity.exchange.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.comity.exchange.Authority;
import org.comity.exchange.DirectoryView;
import org.comity.exchange.ExchangeAuditEntry;
import org.comity.exchange.LocalAuthority;
import org.comity.exchange.OwnKey;
import org.comity.exchange.PinView;
import org.comity.exchange.TrustDirectory;
import org.comity.exchange.TrustRefused;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/exchange")
@Tag(
        name = "Exchange",
        description = "This node's authority card (public) and keys; the signed trust directory and bilateral pins"
                + " (administrators). A refused document is a 422 whose errors[].rule is the verification step.")
class ExchangeController {

    static final String JOSE = "application/jose";
    private static final String READERS = "hasAnyRole('ADMIN', 'AUDITOR')";

    private final LocalAuthority authority;
    private final TrustDirectory directory;

    ExchangeController(LocalAuthority authority, TrustDirectory directory) {
        this.authority = authority;
        this.directory = directory;
    }

    @GetMapping(value = "/authority-card", produces = JOSE)
    @Operation(
            summary = "This node's self-signed authority card, a compact JWS (public)",
            description = "Identity (State, name, role, inbox) and public keys with their validity, signed ES256 with"
                    + " the current signing key. 404 while the node has no State configured.")
    String card() {
        return authority.card();
    }

    /** This node as an authority, for its administrators: what its card says and every key it holds. */
    record AuthorityDetails(Optional<Authority> identity, List<OwnKey> keys) {}

    @GetMapping("/authority")
    @PreAuthorize(READERS)
    @Operation(summary = "This node's identity and keys with their fingerprints (administrators, auditors)")
    AuthorityDetails details() {
        return new AuthorityDetails(authority.identity(), authority.keys());
    }

    @PostMapping("/authority/key-rotations")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Rotate this node's keys (administrators); audited",
            description = "Generates a new signing and a new encryption key, in use at once; the old ones stay"
                    + " published until they expire.")
    List<OwnKey> rotate(Principal principal) {
        return authority.rotate(principal.getName());
    }

    @GetMapping("/directory")
    @PreAuthorize(READERS)
    @Operation(summary = "The trust directory in use (administrators, auditors); 404 if none")
    DirectoryView currentDirectory() {
        return directory.directory().orElseThrow(() -> new NotFound("trust directory"));
    }

    @PostMapping(value = "/directory", consumes = JOSE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Load a signed directory (administrators); audited",
            description = "The compact JWS is verified step by step (docs/exchange.md): ES256 only, typ"
                    + " comity-directory+jws, signed by a configured operator key, current, entries well-formed, no"
                    + " duplicate authority or key id, sequence above the one in use. A refusal is a 422 naming the"
                    + " step (errors[].rule) and where (errors[].field); nothing changes then.")
    ResponseEntity<DirectoryView> load(@RequestBody String document, Principal principal) {
        var loaded = refusedAsInvalid(() -> directory.load(document, "upload", principal.getName(), "api"));
        return ResponseEntity.created(URI.create("/api/exchange/directory")).body(loaded);
    }

    @GetMapping("/pins")
    @PreAuthorize(READERS)
    @Operation(summary = "Active bilateral pins (administrators, auditors)")
    List<PinView> pins() {
        return directory.pins();
    }

    /**
     * @param card the peer's authority card, a compact JWS as its node serves it
     * @param fingerprint the fingerprint of the card's signing key as the peer confirmed it out of band
     */
    record NewPin(String card, String fingerprint) {
        NewPin {
            if (card == null || card.isBlank()) {
                throw InvalidInput.of("card", "required", "the peer's authority card (compact JWS)");
            }
            if (fingerprint == null || fingerprint.isBlank()) {
                throw InvalidInput.of("fingerprint", "required", "the fingerprint the peer confirmed out of band");
            }
        }
    }

    @PostMapping(value = "/pins", consumes = MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Pin a peer's authority card (administrators); audited",
            description = "The card must be signed by a signing key it lists whose fingerprint is the one given;"
                    + " a mismatch is refused (422, rule fingerprint-mismatch).")
    ResponseEntity<PinView> pin(@RequestBody NewPin body, Principal principal) {
        var pinned = refusedAsInvalid(() -> directory.pin(body.card(), body.fingerprint(), principal.getName()));
        return ResponseEntity.created(URI.create("/api/exchange/pins/" + pinned.id()))
                .body(pinned);
    }

    @DeleteMapping("/pins/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a pin (administrators); audited. 404 if no such active pin")
    void unpin(@PathVariable long id, Principal principal) {
        directory.unpin(id, principal.getName());
    }

    @GetMapping("/audit")
    @PreAuthorize(READERS)
    @Operation(summary = "Directory loads, pins and key changes, accepted or refused with their step, newest first")
    List<ExchangeAuditEntry> audit(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw InvalidInput.of("limit", "number-range", "1 to 1000");
        }
        return directory.audit(limit);
    }

    private static <T> T refusedAsInvalid(Supplier<T> action) {
        try {
            return action.get();
        } catch (TrustRefused refused) {
            throw new InvalidInput(refused.violations());
        }
    }
}
