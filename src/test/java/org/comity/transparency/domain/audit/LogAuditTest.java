package org.comity.transparency.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.LogEntry;
import org.comity.transparency.domain.audit.AuditFailure.Code;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.junit.jupiter.api.Test;

/**
 * The audit steps against the committed fixtures under {@code transparency/tampered} (written by
 * {@code TamperedLogFixtures}): a genuine log of 300 entries passes every step, and each tampered file
 * fails its step with its code.
 */
class LogAuditTest {

    static final Path DIR = fixtures();

    static Path fixtures() {
        try {
            return Path.of(LogAuditTest.class
                            .getResource("/transparency/tampered/log.vkey")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The genuine log, with the files of {@code overlay} (a fixture directory) served instead. */
    static LogSource log(String overlay) {
        return path -> {
            if (overlay != null && Files.exists(DIR.resolve(overlay).resolve(path))) {
                return read(DIR.resolve(overlay).resolve(path));
            }
            return read(DIR.resolve("log").resolve(path));
        };
    }

    static final TrustedLog KEY = TrustedLog.of(
            NoteVerifier.parse(new String(read(DIR.resolve("log.vkey")), StandardCharsets.US_ASCII).strip()));

    static SignedNote note(String file) {
        return SignedNote.parse(read(DIR.resolve(file)));
    }

    @Test
    void theGenuineLogPassesEveryStep() {
        var audit = new LogAudit(log(null));
        Checkpoint checkpoint = LogAudit.verifySignature(KEY, audit.fetchCheckpoint());
        assertThat(checkpoint.size()).isEqualTo(300);
        var tiles = audit.verifyTiles(checkpoint);
        LogAudit.checkConsistent(LogAudit.verifySignature(KEY, note("rolled-back.checkpoint")), checkpoint, tiles);
        LogAudit.checkConsistent(checkpoint, checkpoint, tiles);
        List<byte[]> seen = new ArrayList<>();
        var recomputed = audit.recomputeAll(checkpoint, LogEntry::parse, seen::add);
        assertThat(recomputed).isEqualTo(new LogAudit.Recomputed(300, 3));
        assertThat(seen).hasSize(300);
        assertThat(audit.entry(299, 300)).isEqualTo(seen.get(299));
    }

    @Test
    void aSmallerCheckpointThanOneSeenIsARollback() {
        var audit = new LogAudit(log(null));
        Checkpoint seen = LogAudit.verifySignature(KEY, audit.fetchCheckpoint());
        Checkpoint served = LogAudit.verifySignature(KEY, note("rolled-back.checkpoint"));
        var tiles = audit.verifyTiles(seen);
        assertThatThrownBy(() -> LogAudit.checkConsistent(seen, served, tiles))
                .isInstanceOfSatisfying(
                        AuditFailure.class, e -> assertThat(e.code()).isEqualTo(Code.ROLLED_BACK));
    }

    @Test
    void anotherTreeSignedByTheSameKeyIsAFork() {
        var audit = new LogAudit(log(null));
        Checkpoint served = LogAudit.verifySignature(KEY, audit.fetchCheckpoint());
        var tiles = audit.verifyTiles(served);
        for (String forked : List.of("forked.checkpoint", "forked-earlier.checkpoint")) {
            Checkpoint seen = LogAudit.verifySignature(KEY, note(forked));
            assertThatThrownBy(() -> LogAudit.checkConsistent(seen, served, tiles))
                    .as(forked)
                    .isInstanceOfSatisfying(
                            AuditFailure.class, e -> assertThat(e.code()).isEqualTo(Code.FORKED));
        }
        // Served the forked tree, the genuine tiles do not produce its root.
        Checkpoint forked = LogAudit.verifySignature(KEY, note("forked.checkpoint"));
        assertThatThrownBy(() -> audit.verifyTiles(forked))
                .isInstanceOfSatisfying(
                        AuditFailure.class, e -> assertThat(e.code()).isEqualTo(Code.TILE_MISMATCH));
    }

    @Test
    void aTileWithAFlippedByteIsCaught() {
        var audit = new LogAudit(log("flipped"));
        Checkpoint checkpoint = LogAudit.verifySignature(KEY, audit.fetchCheckpoint());
        // The root of 300 leaves is read from the level-1 tile; the full level-0 tile under it is
        // checked against its hash there, so the flipped byte is caught without reading any entry.
        assertThatThrownBy(() -> audit.verifyTiles(checkpoint)).isInstanceOfSatisfying(AuditFailure.class, e -> {
            assertThat(e.code()).isEqualTo(Code.TILE_MISMATCH);
            assertThat(e.getMessage()).contains("tile/0/000");
        });
        assertThatThrownBy(() -> audit.recomputeAll(checkpoint, LogEntry::parse, e -> {}))
                .isInstanceOfSatisfying(
                        AuditFailure.class, e -> assertThat(e.code()).isEqualTo(Code.TILE_MISMATCH));
    }

    @Test
    void aMalformedEntryIsCaught() {
        var audit = new LogAudit(log("malformed"));
        Checkpoint checkpoint = LogAudit.verifySignature(KEY, audit.fetchCheckpoint());
        assertThatThrownBy(() -> audit.recomputeAll(checkpoint, LogEntry::parse, e -> {}))
                .isInstanceOfSatisfying(AuditFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.ENTRY_MALFORMED);
                    assertThat(e.getMessage()).startsWith("entry 0 ");
                });
    }

    @Test
    void aBadSignatureOrAnotherKeyIsCaught() {
        assertThatThrownBy(() -> LogAudit.verifySignature(KEY, note("bad-signature.checkpoint")))
                .isInstanceOfSatisfying(AuditFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("INVALID_SIGNATURE");
                });
        var other = TrustedLog.of(org.comity.transparency.domain.note.NoteSigner.generate(KEY.origin())
                .verifier());
        assertThatThrownBy(() -> LogAudit.verifySignature(other, note("log/checkpoint")))
                .isInstanceOfSatisfying(AuditFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("NO_TRUSTED_SIGNATURE");
                });
    }
}
