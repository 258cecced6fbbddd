package org.comity.benchmarks;

import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One RFC 6962 node hash as the writer ({@code CompactRange}, tiles) and proofs compute it:
 * {@link MerkleTree#nodeHash} (a digest per thread, reset) beside the baseline of a new {@code
 * MessageDigest.getInstance} per hash, as it was before issue 18, in the same run.
 * {@code java -cp … org.openjdk.jmh.Main NodeHashBenchmark -f 1 -wi 3 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NodeHashBenchmark {

    private final Hash left = MerkleTree.leafHash(new byte[] {1});
    private final Hash right = MerkleTree.leafHash(new byte[] {2});

    @Benchmark
    public Hash nodeHash() {
        return MerkleTree.nodeHash(left, right);
    }

    @Benchmark
    public Hash newDigestPerHash() throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update((byte) 1);
        d.update(left.bytes());
        d.update(right.bytes());
        return Hash.of(d.digest());
    }
}
