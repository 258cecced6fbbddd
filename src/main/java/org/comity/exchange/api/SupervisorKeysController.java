package org.comity.exchange.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.comity.exchange.CoSignatures;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/exchange/supervisor-keys")
@Tag(name = "Exchange")
class SupervisorKeysController {

    private final CoSignatures coSignatures;

    SupervisorKeysController(CoSignatures coSignatures) {
        this.coSignatures = coSignatures;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('SUPERVISOR')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register your own co-signing key (supervisors); audited",
            description = "The body is a public P-256 signing JWK (use sig, alg ES256, kid its thumbprint, nbf, exp),"
                    + " made on your own device (comity exchange supervisor-key create). The node publishes it on its"
                    + " card, marked key_ops [verify], and holds no private part. 422 names the JWK member and rule.")
    CoSignatures.SupervisorKey register(@RequestBody String jwk, Principal principal) {
        return coSignatures.register(principal.getName(), jwk);
    }

    @DeleteMapping("/{keyId}")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    @Operation(
            summary = "Withdraw a supervisor's co-signing key (its holder, or an administrator); audited",
            description = "The card stops publishing it at once and this node accepts no co-signature made with"
                    + " it; peers learn it from the next card they pin or directory they load. 403 for another"
                    + " supervisor's key, 404 for an unknown key, 409 key-withdrawn if withdrawn already. Answers"
                    + " the key, its validity's revokedAt the withdrawal.")
    CoSignatures.SupervisorKey withdraw(
            @PathVariable String keyId, org.springframework.security.core.Authentication authentication) {
        boolean administrator =
                authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return coSignatures.withdraw(keyId, authentication.getName(), administrator, "api");
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR', 'SUPERVISOR')")
    @Operation(summary = "Registered supervisor keys with their holders and fingerprints")
    List<CoSignatures.SupervisorKey> keys() {
        return coSignatures.keys();
    }
}
