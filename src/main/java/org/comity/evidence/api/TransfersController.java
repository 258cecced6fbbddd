package org.comity.evidence.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.UUID;
import org.comity.evidence.TransferProperties;
import org.comity.evidence.TransferView;
import org.comity.evidence.Transfers;
import org.comity.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfers of sealed packages between nodes. Signed-in users start one and follow it; the
 * recipient's two transfer endpoints ({@code HEAD} and {@code PATCH} of a transfer's item) are called
 * by the sending node, with no session: a chunk authenticates itself by decrypting under the key only
 * the sender's signed, encrypted announcement carried.
 */
@RestController
@RequestMapping("/api/evidence")
@Tag(name = "Evidence transfers", description = "Sealed packages sent to and received from other nodes")
class TransfersController {

    private final Transfers transfers;
    private final int maxChunk;

    TransfersController(Transfers transfers, TransferProperties properties) {
        this.transfers = transfers;
        // a chunk's ciphertext: the plaintext, a 40-byte header and 16 bytes per 1 MiB segment
        this.maxChunk = properties.chunkBytes() + 64 * 1024;
    }

    @PostMapping("/packages/{id}/transmissions")
    @PreAuthorize(EvidenceController.WORKERS)
    @Operation(summary = "Send a sealed package to the node the request came from")
    ResponseEntity<TransferView> transmit(@PathVariable UUID id, Principal principal) {
        return ResponseEntity.accepted().body(transfers.transmit(id, principal.getName()));
    }

    @GetMapping("/transfers/{id}")
    @PreAuthorize(EvidenceController.READERS)
    @Operation(summary = "A transfer sent from here: announced, transmitted, or verified by the recipient")
    TransferView transfer(@PathVariable UUID id) {
        return transfers.transfer(id);
    }

    @RequestMapping(path = "/transfers/{transfer}/items/{item}", method = RequestMethod.HEAD)
    @Operation(summary = "For the sending node: what of an item has arrived")
    ResponseEntity<Void> arrival(@PathVariable UUID transfer, @PathVariable UUID item) {
        return progress(HttpStatus.OK, transfers.arrival(transfer, item));
    }

    @RequestMapping(path = "/transfers/{transfer}/items/{item}", method = RequestMethod.PATCH)
    @Operation(summary = "For the sending node: one encrypted chunk of an item at its offset")
    ResponseEntity<Void> chunk(
            @PathVariable UUID transfer,
            @PathVariable UUID item,
            @RequestHeader(name = "Upload-Offset", required = false) String offset,
            HttpServletRequest request) {
        if (!UploadsController.OFFSET_STREAM.equals(request.getContentType())) {
            throw new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        long at;
        try {
            at = Long.parseLong(offset == null ? "" : offset);
        } catch (NumberFormatException e) {
            throw InvalidInput.of("Upload-Offset", "required", "the offset the chunk starts at");
        }
        if (at < 0) {
            throw InvalidInput.of("Upload-Offset", "min", "an offset of zero or more");
        }
        if (request.getContentLengthLong() > maxChunk) {
            throw new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE);
        }
        byte[] body;
        try (var in = request.getInputStream()) {
            body = in.readNBytes(maxChunk + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("the chunk was cut short; resume from the offset", e);
        }
        if (body.length > maxChunk) {
            throw new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE);
        }
        return progress(HttpStatus.NO_CONTENT, transfers.receive(transfer, item, at, body));
    }

    private static ResponseEntity<Void> progress(HttpStatus status, Transfers.Arrival arrival) {
        return ResponseEntity.status(status)
                .header("Upload-Offset", Long.toString(arrival.offset()))
                .header("Upload-Length", Long.toString(arrival.length()))
                .header("Upload-Complete", arrival.complete() ? "?1" : "?0")
                .header("Cache-Control", "no-store")
                .build();
    }
}
