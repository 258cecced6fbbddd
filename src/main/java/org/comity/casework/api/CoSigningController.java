package org.comity.casework.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.util.UUID;
import org.comity.casework.EmergencyCoSigning;
import org.comity.exchange.CoSignatures;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervisor's co-signature of an emergency request sent by the exchange: supervisors only, each
 * with a key of their own (docs/exchange.md, "Emergency requests: the supervisor's co-signature").
 */
@RestController
@RequestMapping("/api/requests/{id}")
@Tag(name = "Requests")
class CoSigningController {

    private final EmergencyCoSigning coSigning;
    private final Clock clock;

    CoSigningController(EmergencyCoSigning coSigning, Clock clock) {
        this.coSigning = coSigning;
        this.clock = clock;
    }

    @PostMapping("/co-signing-input")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(
            summary = "What to co-sign for an emergency request awaiting send approval (supervisors)",
            description = "Prepares the request's message (its envelope fixed) and answers the signing input for"
                    + " the caller's newest supervisor key: sign it on your own device (comity exchange co-sign)."
                    + " 404 if you have no key registered; 409 not-awaiting-send-approval,"
                    + " not-an-emergency-by-exchange.")
    CoSignatures.SigningInput signingInput(@PathVariable UUID id, Principal principal) {
        return coSigning.signingInput(id, principal.getName());
    }

    /** The co-signature, with the version of the request the approval is for (checked by EmergencyCoSigning). */
    record CoSignature(
            @Nullable UUID messageId,
            @Nullable String keyId,
            @Nullable String signature,
            @Nullable Long expectedVersion) {}

    @PostMapping("/co-signature")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(
            summary = "Co-sign and approve sending an emergency request (supervisors)",
            description = "Checks the signature with the caller's own registered key (422 signature"
                    + " bad-co-signature, keyId not-your-key) and approves sending in the same transaction: the"
                    + " request leaves with the authority's and the supervisor's signatures, or nothing is stored.")
    RequestsController.RequestView coSign(@PathVariable UUID id, @RequestBody CoSignature body, Principal principal) {
        var request = coSigning.coSignAndApprove(
                id,
                body.messageId(),
                body.keyId(),
                body.signature(),
                body.expectedVersion(),
                principal.getName(),
                "api");
        return RequestsController.RequestView.of(request, clock.instant());
    }
}
