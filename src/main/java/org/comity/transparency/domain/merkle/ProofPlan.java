package org.comity.transparency.domain.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Which complete subtrees make up each hash of a proof. Separating the plan from fetching lets a
 * store read every node in one batch and lets the tiles layer say which tiles a proof needs.
 * Each element of a plan is the list of complete subtrees whose fold is one proof hash.
 */
final class ProofPlan {

    private ProofPlan() {}

    /** RFC 6962 §2.1.1 PATH(index, D[0:size]), leaf sibling first. Requires index < size. */
    static List<List<NodeId>> inclusion(long index, long size) {
        List<List<NodeId>> out = new ArrayList<>();
        path(index, 0, size, out);
        return out;
    }

    private static void path(long index, long start, long end, List<List<NodeId>> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (index < start + k) {
            path(index, start, start + k, out);
            out.add(range(start + k, end));
        } else {
            path(index, start + k, end, out);
            out.add(range(start, start + k));
        }
    }

    /** RFC 6962 §2.1.2 PROOF(m, D[0:n]). Requires 0 < m <= n. */
    static List<List<NodeId>> consistency(long m, long n) {
        List<List<NodeId>> out = new ArrayList<>();
        if (m < n) {
            subproof(m, 0, n, true, out);
        }
        return out;
    }

    private static void subproof(long m, long start, long end, boolean whole, List<List<NodeId>> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(range(start, end));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, start, start + k, whole, out);
            out.add(range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(range(start, start + k));
        }
    }

    /**
     * The complete subtrees, largest first, whose fold is MTH(D[start:end]). Valid for the ranges
     * RFC 6962 recursion produces: {@code start} is aligned to a power of two at least the range size.
     */
    static List<NodeId> range(long start, long end) {
        List<NodeId> peaks = new ArrayList<>();
        long at = start;
        while (at < end) {
            long width = Long.highestOneBit(end - at);
            int level = Long.numberOfTrailingZeros(width);
            if ((at & (width - 1)) != 0) {
                throw new IllegalStateException("unaligned range " + start + ".." + end);
            }
            peaks.add(new NodeId(level, at >> level));
            at += width;
        }
        return peaks;
    }

    static List<Hash> resolve(HashReader reader, List<List<NodeId>> plan) {
        List<NodeId> nodes = plan.stream().flatMap(List::stream).toList();
        List<Hash> hashes = nodes.isEmpty() ? List.of() : reader.read(nodes);
        if (hashes.size() != nodes.size()) {
            throw new IllegalStateException("reader returned " + hashes.size() + " hashes for " + nodes.size());
        }
        List<Hash> out = new ArrayList<>(plan.size());
        int at = 0;
        for (List<NodeId> group : plan) {
            out.add(MerkleTree.fold(hashes.subList(at, at + group.size())));
            at += group.size();
        }
        return List.copyOf(out);
    }
}
