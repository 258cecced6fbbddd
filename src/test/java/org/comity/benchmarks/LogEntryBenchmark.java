package org.comity.benchmarks;

import java.util.concurrent.TimeUnit;
import org.comity.transparency.LogEntry;
import org.comity.transparency.LogEvent;
import org.comity.transparency.LogEvents;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writer's CPU work per append, without the database: canonical JSON, commitment, leaf hash,
 * compact range and tiles. Bounds what the single writer thread can sustain.
 * {@code ./mvnw -Pbench test-compile exec:exec -Dbench=LogEntryBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LogEntryBenchmark {

    private LogEvent event;
    private final byte[] salt = new byte[32];
    private CompactRange range;
    private TileBuilder tiles;
    private long n;

    @Setup
    public void setUp() {
        event = LogEvents.event(12345);
        range = CompactRange.empty();
        tiles = TileBuilder.empty();
    }

    @Benchmark
    public Hash encodeCommitAndAppend() {
        byte[] entry = new LogEntry(
                        event.metadata(),
                        org.comity.transparency.Commitment.of(salt, event.confidentialRecord(), event.disclose()))
                .bytes();
        Hash leaf = MerkleTree.leafHash(entry);
        range.append(leaf);
        tiles.append(leaf);
        if (++n % 4096 == 0) {
            tiles.drain();
            return range.root();
        }
        return leaf;
    }
}
