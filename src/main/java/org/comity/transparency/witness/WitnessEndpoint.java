package org.comity.transparency.witness;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/witness/add-checkpoint}: the tlog-witness submission endpoint (submission prefix
 * {@code <node>/api/witness}). Anyone may call it: as the spec says, the request is authorised by the
 * log's signature on the checkpoint, which {@link Witness} checks against the configured key before
 * anything is stored.
 */
@RestController
class WitnessEndpoint {

    static final MediaType TLOG_SIZE = new MediaType("text", "x.tlog.size");

    private final Witness witness;

    WitnessEndpoint(Witness witness) {
        this.witness = witness;
    }

    @PostMapping("/api/witness/add-checkpoint")
    ResponseEntity<?> addCheckpoint(@RequestBody(required = false) byte[] body) {
        Witness.Answer answer = witness.addCheckpoint(body == null ? new byte[0] : body);
        return switch (answer) {
            case Witness.Answer.Cosigned c ->
                ResponseEntity.ok()
                        .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                        .body(c.lines());
            case Witness.Answer.SizeConflict c ->
                ResponseEntity.status(HttpStatus.CONFLICT)
                        .contentType(TLOG_SIZE)
                        .body(c.knownSize() + "\n");
            case Witness.Answer.Refused r -> {
                var problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(r.status()), r.reason());
                problem.setProperty("field", "body");
                problem.setProperty("rule", r.rule());
                yield ResponseEntity.status(r.status())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
        };
    }
}
