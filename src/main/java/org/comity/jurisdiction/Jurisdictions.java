package org.comity.jurisdiction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.jurisdiction.domain.ConductVocabulary;
import org.comity.jurisdiction.domain.CriminalityPolicy;
import org.comity.jurisdiction.importing.ProfileReader;
import org.comity.jurisdiction.importing.ProfileWriter;
import org.comity.jurisdiction.importing.VocabularyReader;
import org.comity.jurisdiction.persistence.JdbcProfiles;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What each State's law punishes and who its authorities are. Profiles are read from the database into
 * memory once (a few hundred States at most) and reloaded after every import commits, so queries from
 * the safeguards engine cost no database round trip.
 */
@Component
@EnableConfigurationProperties(JurisdictionProperties.class)
public class Jurisdictions {

    private final JdbcProfiles store;
    private final Clock clock;
    private final JurisdictionProperties properties;
    private final ConductVocabulary vocabulary;
    private final ProfileReader reader;
    private volatile Map<CountryCode, Profile> profiles;
    /** Bumped by every committed import; a load that started before the bump is not kept. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    Jurisdictions(JdbcProfiles store, Clock clock, JurisdictionProperties properties) {
        this.store = store;
        this.clock = clock;
        this.properties = properties;
        this.vocabulary = VocabularyReader.read(classpath("jurisdiction/conduct.yaml"));
        this.reader = new ProfileReader(vocabulary);
    }

    /**
     * The conduct vocabulary as its file lists it: the Convention's categories in the order of its
     * articles, then the others grouped by theme. Forms offer the categories in this order.
     */
    public List<ConductEntry> conductVocabulary() {
        return vocabulary.listed();
    }

    /** The conduct vocabulary with the Convention's categories first, each group sorted by code. */
    public List<ConductEntry> conductVocabularyByCode() {
        return vocabulary.byCode();
    }

    /** True when the code is in the conduct vocabulary every profile and request uses. */
    public boolean knowsConduct(ConductCode code) {
        return vocabulary.knows(code);
    }

    /**
     * One problem for each code of {@code field} outside the vocabulary: what casework and the
     * safeguards what-if both refuse, in the same words.
     */
    public List<Violation> unknownConduct(String field, Collection<ConductCode> codes) {
        return codes.stream()
                .filter(code -> !vocabulary.knows(code))
                .map(code -> new Violation(
                        field,
                        "unknown-conduct",
                        "'" + code.value() + "' is not in the conduct vocabulary (GET /api/jurisdictions/conduct)"))
                .toList();
    }

    public Optional<Profile> profile(CountryCode state) {
        return Optional.ofNullable(profiles().get(state));
    }

    public Collection<Profile> profiles(boolean includeFictional) {
        return profiles().values().stream()
                .filter(p -> includeFictional || !p.fictional())
                .sorted(java.util.Comparator.comparing(Profile::state))
                .toList();
    }

    /** The profile in its reviewable file format. */
    public String export(CountryCode state) {
        return ProfileWriter.write(
                profile(state).orElseThrow(() -> new org.comity.shared.NotFound("profile of " + state)));
    }

    /**
     * Imports one profile file, replacing the State's previous profile. All problems in the file are
     * reported together, with their lines; a file with any problem changes nothing.
     */
    @Transactional
    public ImportedProfile importProfile(String text, String actor, String fileName) {
        var profile = reader.read(text);
        checkConductKnown(profile);
        boolean created = store.version(profile.state()).isEmpty();
        var now = clock.instant();
        int version = store.save(
                profile.state(),
                profile.fictional(),
                profile.asOf(),
                profile.offences().size(),
                ProfileWriter.write(profile),
                now,
                actor);
        store.audit(now, actor, profile.state(), version, created ? "created" : "replaced", fileName);
        reloadAfterCommit();
        return new ImportedProfile(
                profile.state(),
                version,
                profile.offences().size(),
                profile.authorities().size(),
                created);
    }

    public Criminality criminality(CountryCode state, ConductCode conduct) {
        requireKnown(conduct);
        return CriminalityPolicy.criminality(state, profile(state), conduct);
    }

    /** Whether the conduct is a serious crime, when the profile lets that be told (see {@link CriminalityPolicy#serious}). */
    public Optional<Boolean> seriousCrime(Criminality criminality) {
        return CriminalityPolicy.serious(criminality, properties.seriousCrimeMonths());
    }

    public int seriousCrimeMonths() {
        return properties.seriousCrimeMonths();
    }

    public DualCriminality dualCriminality(CountryCode requesting, CountryCode requested, ConductCode conduct) {
        return CriminalityPolicy.dualCriminality(criminality(requesting, conduct), criminality(requested, conduct));
    }

    /**
     * True when the State's stored profile was itself imported from the shipped files by {@code
     * seedActor} and this release ships a different one: a correction the node must pick up. A profile an
     * administrator imported is never replaced this way.
     */
    boolean shippedProfileChanged(CountryCode state, String shippedText, String seedActor) {
        return store.documentImportedBy(state, seedActor)
                .map(stored -> !stored.equals(ProfileWriter.write(reader.read(shippedText))))
                .orElse(false);
    }

    /** Profiles shipped on the classpath, imported at first start (never over an imported one). */
    public boolean hasProfile(CountryCode state) {
        return profiles().containsKey(state);
    }

    private void requireKnown(ConductCode conduct) {
        if (!vocabulary.knows(conduct)) {
            throw InvalidInput.of("conduct", "unknown-conduct", "'" + conduct + "' is not in the conduct vocabulary");
        }
    }

    private void checkConductKnown(Profile profile) {
        profile.offences().forEach(o -> o.conduct().forEach(this::requireKnown));
        profile.coverage().forEach(c -> c.conduct().forEach(this::requireKnown));
        profile.notOffences().forEach(n -> requireKnown(n.conduct()));
    }

    private Map<CountryCode, Profile> profiles() {
        var loaded = profiles;
        while (loaded == null) {
            synchronized (this) {
                long before = generation.get();
                var fresh = load();
                // An import that committed while we read may be missing from what we read: read again.
                if (generation.get() == before) {
                    profiles = fresh;
                }
                loaded = profiles;
            }
        }
        return loaded;
    }

    private Map<CountryCode, Profile> load() {
        var map = new ConcurrentHashMap<CountryCode, Profile>();
        for (var stored : store.all()) {
            map.put(stored.state(), reader.read(stored.document()));
        }
        return Map.copyOf(map);
    }

    private void reloadAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    private void invalidate() {
        generation.incrementAndGet();
        profiles = null;
    }

    static String classpath(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path, e);
        }
    }
}
