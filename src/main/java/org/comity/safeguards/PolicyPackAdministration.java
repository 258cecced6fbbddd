package org.comity.safeguards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.safeguards.persistence.JdbcPolicyPacks;
import org.comity.safeguards.policy.PolicyPackFile;
import org.comity.safeguards.policy.PolicyPackProblems;
import org.comity.safeguards.policy.PolicyPacks;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.Sha256;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The requested States' policy packs: the shipped ones and those administrators import, every version
 * kept for replay. Separate from {@link Safeguards}, which only reads the current snapshot: importing
 * and auditing packs is an administrator's use case, assessing requests a caseworker's.
 */
@Component
public class PolicyPackAdministration implements SmartInitializingSingleton {

    /** The largest policy pack text accepted for import, in characters. */
    public static final int MAX_PACK_CHARS = 256 * 1024;

    private final Citations citations;
    private final JdbcPolicyPacks packStore;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** The packs in the node's classpath, read and checked once at start. */
    private final List<PolicyPack> shippedPacks;

    /** Shipped and imported packs; replaced whole (never changed in place) after an import commits. */
    private volatile PolicyPacks packs;
    /** Where each loaded pack came from, by label. */
    private final Map<String, PolicyPackVersion> origins = new ConcurrentHashMap<>();

    PolicyPackAdministration(
            Citations citations,
            JdbcPolicyPacks packStore,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.citations = citations;
        this.packStore = packStore;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.shippedPacks = loadShippedPacks();
        this.packs = new PolicyPacks(shippedPacks);
    }

    /**
     * Adds the imported packs once the database is migrated, with the same checks as shipped packs: a
     * stored pack that no longer loads (a citation key gone in a new release, say) stops the node.
     */
    @Override
    public void afterSingletonsInstantiated() {
        reloadPolicyPacks();
    }

    /** Shipped packs and the imported ones, read from the database and checked again: what a restart loads. */
    synchronized void reloadPolicyPacks() {
        var all = new ArrayList<>(shippedPacks);
        for (var stored : packStore.all()) {
            var pack = PolicyPackFile.read(
                    stored.source() + " (" + stored.state().value() + " version " + stored.version() + ", imported)",
                    stored.body(),
                    citations);
            all.add(pack);
            origins.put(
                    pack.label(),
                    origin(pack, stored.source(), stored.sha256(), stored.importedBy(), stored.importedAt()));
        }
        packs = new PolicyPacks(all);
    }

    /** Every loaded version, as one immutable snapshot (an import replaces it whole). */
    PolicyPacks loaded() {
        return packs;
    }

    public List<PolicyPack> policyPacks() {
        return loaded().all();
    }

    /** Every loaded pack version, by State and newest version first, with where it came from. */
    public List<PolicyPackVersion> policyPackVersions() {
        var current = loaded();
        return current.all().stream()
                .map(p -> {
                    var o = origins.get(p.label());
                    return new PolicyPackVersion(
                            p.state(),
                            p.id(),
                            p.version(),
                            p.label(),
                            o == null ? "?" : o.source(),
                            o == null ? "?" : o.sha256(),
                            o == null ? null : o.importedBy(),
                            o == null ? null : o.importedAt(),
                            current.current(p.state()).label().equals(p.label()),
                            p.rules().stream().map(PolicyPack.PackRule::id).toList(),
                            p.settings().thresholds().label());
                })
                .sorted(Comparator.comparing(PolicyPackVersion::state)
                        .thenComparing(Comparator.comparingInt(PolicyPackVersion::version)
                                .reversed()))
                .toList();
    }

    /** The latest import attempts, accepted or not, newest first. */
    public List<PolicyPackImportAttempt> policyPackImports(int limit) {
        return packStore.attempts(Math.max(1, Math.min(limit, 500)));
    }

    /**
     * Imports a policy pack (administrators): checked exactly as packs are at start (YAML, keys, CEL
     * type-check, citation keys). A pack with problems is refused with every problem and its line
     * ({@link InvalidInput}, fields {@code line <n>}); a version not above the State's current one is a
     * {@link Conflict}. Either way nothing is stored but the audit record of the attempt. An accepted
     * pack is stored append-only and applies to the next assessment; earlier versions stay for replay.
     *
     * @param source the uploaded file's name (only its last segment is kept)
     */
    public PolicyPackVersion importPolicyPack(String text, String source, String actor) {
        var at = clock.instant();
        var name = sourceName(source);
        var body = text == null ? "" : text;
        var sha256 = Sha256.hex(body);
        if (body.isBlank() || body.length() > MAX_PACK_CHARS) {
            packStore.audit(new PolicyPackImportAttempt(at, actor, null, null, name, sha256, "invalid", 1));
            throw body.isBlank()
                    ? InvalidInput.of("file", "policy-pack-required", "the policy pack is empty")
                    : InvalidInput.of(
                            "file",
                            "policy-pack-too-large",
                            "a policy pack has at most " + MAX_PACK_CHARS + " characters");
        }
        PolicyPack pack;
        try {
            pack = PolicyPackFile.read(name, body, citations);
        } catch (PolicyPackProblems e) {
            packStore.audit(new PolicyPackImportAttempt(
                    at,
                    actor,
                    e.state().orElse(null),
                    e.version().orElse(null),
                    name,
                    sha256,
                    "invalid",
                    e.details().size()));
            throw new InvalidInput(e.details().stream()
                    .map(p -> new Violation(
                            p.line() > 0 ? "line " + p.line() : "file", "policy-pack-invalid", p.reason()))
                    .toList());
        }
        // One import at a time, so the version check and the swap of the loaded packs agree.
        synchronized (this) {
            var current = packs.current(pack.state());
            if (pack.version() <= current.version()) {
                packStore.audit(new PolicyPackImportAttempt(
                        at, actor, pack.state(), pack.version(), name, sha256, "version-not-greater", 0));
                throw versionNotGreater(pack, current);
            }
            try {
                transactions.executeWithoutResult(tx -> {
                    packStore.insert(new JdbcPolicyPacks.StoredPack(
                            pack.state(), pack.version(), pack.id(), name, sha256, body, actor, at));
                    packStore.audit(new PolicyPackImportAttempt(
                            at, actor, pack.state(), pack.version(), name, sha256, "accepted", 0));
                });
            } catch (DuplicateKeyException e) {
                packStore.audit(new PolicyPackImportAttempt(
                        at, actor, pack.state(), pack.version(), name, sha256, "version-not-greater", 0));
                throw versionNotGreater(pack, current);
            }
            origins.put(pack.label(), origin(pack, name, sha256, actor, at));
            packs = packs.with(pack);
            return policyPackVersions().stream()
                    .filter(v -> v.label().equals(pack.label()))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Conflict versionNotGreater(PolicyPack pack, PolicyPack current) {
        return new Conflict(
                "policy-pack-version-not-greater",
                "version " + pack.version() + " of " + pack.state() + "'s policy pack is not greater than the"
                        + " current version " + current.version() + "; raise 'version'");
    }

    private static String sourceName(String source) {
        var name = source == null ? "" : source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return name.isBlank() ? "policy-pack.yaml" : name;
    }

    private static PolicyPackVersion origin(
            PolicyPack pack,
            String source,
            String sha256,
            @Nullable String importedBy,
            java.time.@Nullable Instant importedAt) {
        return new PolicyPackVersion(
                pack.state(),
                pack.id(),
                pack.version(),
                pack.label(),
                source,
                sha256,
                importedBy,
                importedAt,
                false,
                List.of(),
                "");
    }

    private List<PolicyPack> loadShippedPacks() {
        var loaded = new ArrayList<PolicyPack>();
        try {
            var resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:safeguards/policy-packs/*.yaml");
            java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (var resource : resources) {
                try (var in = resource.getInputStream()) {
                    var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    var pack = PolicyPackFile.read(resource.getFilename(), text, citations);
                    loaded.add(pack);
                    origins.put(
                            pack.label(),
                            origin(
                                    pack,
                                    "classpath:safeguards/policy-packs/" + resource.getFilename(),
                                    Sha256.hex(text),
                                    null,
                                    null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }
}
