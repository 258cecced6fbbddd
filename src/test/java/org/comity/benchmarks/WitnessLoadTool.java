package org.comity.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.InMemoryTree;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.witness.AddCheckpoint;
import org.comity.transparency.domain.witness.Verdict;

/**
 * Load tool, run by hand: witness {@code add-checkpoint} throughput of a whole node (HTTP, signature
 * and proof checks, the compare-and-set on durable PostgreSQL, the cosignature), one log growing by
 * {@code step} leaves per request, sequentially as a log submits. Baseline, same run, same requests:
 * the same checks and cosignature in memory, without HTTP or database.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.comity.benchmarks.WitnessLoadTool 2000 16
 * </pre>
 */
public final class WitnessLoadTool {

    private WitnessLoadTool() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        var log = NoteSigner.generate("xq.comity.invalid/log");
        var tree = new InMemoryTree();
        List<AddCheckpoint> bodies = new ArrayList<>();
        long old = 0;
        for (int r = 0; r < requests; r++) {
            for (int i = 0; i < step; i++) {
                tree.append(MerkleTree.leafHash(("entry " + tree.size()).getBytes(StandardCharsets.UTF_8)));
            }
            var proof = old == 0
                    ? List.<org.comity.transparency.domain.merkle.Hash>of()
                    : ConsistencyProof.build(tree, old, tree.size()).hashes();
            bodies.add(new AddCheckpoint(old, proof, new Checkpoint(log.name(), tree.size(), tree.root()).sign(log)));
            old = tree.size();
        }

        // Baseline: judge and cosign in memory.
        var key = CosignerKey.generate("bench.comity.invalid/witness");
        var followed = Map.of(log.name(), log.verifier());
        Optional<Verdict.Known>[] known = new Optional[] {Optional.empty()};
        long start = System.nanoTime();
        for (AddCheckpoint body : bodies) {
            var parsed = AddCheckpoint.parse(body.body());
            if (!(Verdict.judge(parsed, followed, o -> known[0]) instanceof Verdict.Cosign c)) {
                throw new IllegalStateException("baseline refused a request");
            }
            key.cosign(parsed.checkpoint().text(), System.currentTimeMillis() / 1000);
            known[0] = Optional.of(
                    new Verdict.Known(c.checkpoint().size(), c.checkpoint().root()));
        }
        double baseline = requests / ((System.nanoTime() - start) / 1e9);

        try (var node = LoadNode.start(
                "comity-witness-load",
                true,
                "--comity.witness.follow[0]=" + log.verifier().encoded())) {
            var uri = URI.create(node.base() + "/api/witness/add-checkpoint");
            start = System.nanoTime();
            for (AddCheckpoint body : bodies) {
                var response = node.http()
                        .send(
                                HttpRequest.newBuilder(uri)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                }
            }
            double measured = requests / ((System.nanoTime() - start) / 1e9);
            System.out.printf(
                    "WITNESS add-checkpoint: %d requests, +%d leaves each, tree of %d%n", requests, step, tree.size());
            System.out.printf("  node (HTTP + durable compare-and-set + cosign): %.0f/s%n", measured);
            System.out.printf("  baseline (same checks and cosign in memory):   %.0f/s%n", baseline);
            System.out.printf("  ratio: %.3f%n", measured / baseline);
            ResultLine.print("witness-add-checkpoint", measured, "requests/s", baseline, "-");
        }
    }
}
