package org.comity.transparency.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.EventType;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.monitor.Finding;
import org.comity.transparency.domain.monitor.FollowedLog;
import org.comity.transparency.domain.monitor.Monitor;
import org.comity.transparency.domain.monitor.MonitorState;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.junit.jupiter.api.Test;

class MonitorTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    final FixtureLog xa = new FixtureLog("xa.comity.invalid/log");
    final FixtureLog xb = new FixtureLog("xb.comity.invalid/log");
    final Monitor monitor = new Monitor(new EntryFields(), Duration.ofHours(24));

    List<FollowedLog> logs(TrustPolicy xaPolicy) {
        return List.of(
                new FollowedLog("XA", xa.trusted(), xa.source(), xaPolicy),
                new FollowedLog("XB", xb.trusted(), xb.source(), null));
    }

    /** A round, with the state saved and read back as the CLI and the node do between rounds. */
    Monitor.Round round(MonitorState state, Instant now, TrustPolicy xaPolicy) {
        Monitor.Round round = monitor.run(logs(xaPolicy), MonitorState.parse(state.text()), now);
        assertThat(round.errors()).isEmpty();
        return round;
    }

    Monitor.Round round(MonitorState state, Instant now) {
        return round(state, now, null);
    }

    @Test
    void aLogThatGrowsConsistentlyGivesNoFindingAndIsReadOnce() {
        List<byte[]> entries = FixtureLog.plainEntries(600);
        xa.publish(entries.subList(0, 300));
        xb.publish(entries.subList(0, 10));
        Monitor.Round first = round(MonitorState.empty(), T0);
        xa.publish(entries);
        Monitor.Round second = round(first.state(), T0.plusSeconds(60));

        assertThat(first.findings()).isEmpty();
        assertThat(first.entriesRead()).isEqualTo(310);
        assertThat(second.findings()).isEmpty();
        assertThat(second.entriesRead()).isEqualTo(300);
        assertThat(second.state().verified().get(xa.key.name()).text()).contains("\n600\n");
    }

    @Test
    void aForkOfTheSameSizeIsReportedOnceWithBothCheckpoints() {
        List<byte[]> entries = FixtureLog.plainEntries(300);
        xb.publish(entries.subList(0, 1));
        SignedNote before = xa.publish(entries);
        Monitor.Round first = round(MonitorState.empty(), T0);
        List<byte[]> other = new ArrayList<>(entries);
        other.set(150, FixtureLog.plain(1000));
        SignedNote fork = xa.publish(other);

        Monitor.Round second = round(first.state(), T0.plusSeconds(60));
        Monitor.Round third = round(second.state(), T0.plusSeconds(120));

        assertThat(second.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Finding.Code.INCONSISTENT_CHECKPOINT);
            assertThat(f.origin()).isEqualTo("xa.comity.invalid/log");
            assertThat(f.checkpoints()).containsExactly(text(before), text(fork));
            assertThat(f.detail()).startsWith("forked:");
        });
        assertThat(third.findings()).isEmpty();
        // The monitor keeps judging against the checkpoint it verified, not the fork.
        assertThat(third.state().verified().get(xa.key.name())).isEqualTo(before);
    }

    @Test
    void aForkThatGrewCarriesTheFailedProofWhichAnyoneCanRecheck() {
        List<byte[]> entries = FixtureLog.plainEntries(700);
        xb.publish(entries.subList(0, 1));
        SignedNote before = xa.publish(entries.subList(0, 300));
        Monitor.Round first = round(MonitorState.empty(), T0);
        List<byte[]> other = new ArrayList<>(entries);
        other.set(7, FixtureLog.plain(1000));
        SignedNote fork = xa.publish(other);

        Finding f = round(first.state(), T0.plusSeconds(60)).findings().getFirst();

        assertThat(f.code()).isEqualTo(Finding.Code.INCONSISTENT_CHECKPOINT);
        assertThat(f.proof()).isNotEmpty();
        Checkpoint old = Checkpoint.parse(before.text());
        Checkpoint current = Checkpoint.parse(fork.text());
        var proof = new ConsistencyProof(
                300, 700, f.proof().stream().map(Hash::fromBase64).toList());
        assertThatThrownBy(() -> proof.verify(old.root(), current.root())).isInstanceOf(VerificationException.class);
    }

    @Test
    void aRollbackIsReported() {
        List<byte[]> entries = FixtureLog.plainEntries(300);
        xb.publish(entries.subList(0, 1));
        xa.publish(entries);
        Monitor.Round first = round(MonitorState.empty(), T0);
        xa.publish(entries.subList(0, 200));

        Finding f = round(first.state(), T0.plusSeconds(60)).findings().getFirst();

        assertThat(f.code()).isEqualTo(Finding.Code.INCONSISTENT_CHECKPOINT);
        assertThat(f.detail()).startsWith("rolled-back:");
        assertThat(f.proof()).isEmpty();
    }

    @Test
    void aWitnessThatCosignedBothSidesOfAForkIsNamedAndOneThatCosignedOneIsNot() {
        CosignerKey careless = CosignerKey.generate("careless.comity.invalid/witness");
        CosignerKey careful = CosignerKey.generate("careful.comity.invalid/witness");
        TrustPolicy policy = TrustPolicy.of(
                new TrustPolicy.Log(xa.key.verifier(), null),
                List.of(
                        new TrustPolicy.Witness("careless", careless.verifier(), null),
                        new TrustPolicy.Witness("careful", careful.verifier(), null)),
                1);
        List<byte[]> entries = FixtureLog.plainEntries(300);
        xb.publish(entries.subList(0, 1));
        xa.publish(entries, careless, careful);
        Monitor.Round first = round(MonitorState.empty(), T0, policy);
        List<byte[]> other = new ArrayList<>(entries);
        other.set(0, FixtureLog.plain(1000));
        xa.publish(other, careless);

        List<Finding> findings =
                round(first.state(), T0.plusSeconds(60), policy).findings();

        assertThat(findings)
                .extracting(Finding::code)
                .containsExactly(Finding.Code.INCONSISTENT_CHECKPOINT, Finding.Code.WITNESS_COSIGNED_INCONSISTENT);
        assertThat(findings.get(1).witness()).isEqualTo("careless");
        assertThat(findings.get(1).checkpoints()).hasSize(2);
    }

    @Test
    void aSentRequestWithheldFromTheOtherLogIsReportedAfterTheGracePeriodOnly() {
        List<byte[]> a = new ArrayList<>(FixtureLog.plainEntries(5));
        a.add(FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", DAY, null, "tok-1", 1));
        xa.publish(a);
        List<byte[]> b = FixtureLog.plainEntries(3);
        SignedNote xbNote = xb.publish(b);

        Monitor.Round first = round(MonitorState.empty(), T0);
        // The grace (24 h) runs from the end of the entry's day (T0 is 10:00 on it), not from first sight.
        Monitor.Round beforeGrace =
                round(first.state(), T0.plus(Duration.ofHours(38)).minusSeconds(1));
        Monitor.Round after = round(beforeGrace.state(), T0.plus(Duration.ofHours(38)));
        Monitor.Round later = round(after.state(), T0.plus(Duration.ofHours(48)));

        assertThat(first.findings()).isEmpty();
        assertThat(first.state().pending()).hasSize(1);
        assertThat(beforeGrace.findings()).isEmpty();
        assertThat(after.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Finding.Code.UNPAIRED);
            assertThat(f.origin()).isEqualTo("xa.comity.invalid/log");
            assertThat(f.counterpart()).isEqualTo("xb.comity.invalid/log");
            assertThat(f.entries()).containsExactly(5L);
            assertThat(f.checkpoints()).contains(text(xbNote));
        });
        assertThat(later.findings()).isEmpty();
        assertThat(later.state().pending()).isEmpty();
    }

    @Test
    void aMonitorMeetingAnOldWithheldEntryReportsItAtOnce() {
        List<byte[]> a = new ArrayList<>(FixtureLog.plainEntries(2));
        a.add(FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", DAY, null, "tok-5", 1));
        xa.publish(a);
        xb.publish(FixtureLog.plainEntries(3));

        // First sight a week after the entry's day: the grace is long over, whoever reads it.
        Monitor.Round first = round(MonitorState.empty(), T0.plus(Duration.ofDays(7)));

        assertThat(first.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Finding.Code.UNPAIRED);
            assertThat(f.entries()).containsExactly(2L);
        });
        assertThat(first.state().pending()).isEmpty();
    }

    @Test
    void aMatchingPairGivesNoFindingEvenWhenTheCounterpartIsLoggedARoundLater() {
        List<byte[]> a = new ArrayList<>(FixtureLog.plainEntries(2));
        a.add(FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", DAY, null, "tok-2", 1));
        xa.publish(a);
        List<byte[]> b = new ArrayList<>(FixtureLog.plainEntries(4));
        xb.publish(b);
        Monitor.Round first = round(MonitorState.empty(), T0);
        b.add(FixtureLog.entry(EventType.REQUEST_RECEIVED, "XA", "XB", "stored-data", DAY, null, "tok-2", 2));
        xb.publish(b);

        Monitor.Round second = round(first.state(), T0.plus(Duration.ofHours(2)));
        Monitor.Round afterGrace = round(second.state(), T0.plus(Duration.ofHours(30)));

        assertThat(first.state().pending()).hasSize(1);
        assertThat(second.findings()).isEmpty();
        assertThat(second.state().pending()).isEmpty();
        assertThat(afterGrace.findings()).isEmpty();
    }

    @Test
    void aPairThatDisagreesNamesTheKeysThatDiffer() {
        xa.publish(List.of(FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", DAY, null, "tok-3", 1)));
        xb.publish(List.of(
                FixtureLog.plain(0),
                FixtureLog.entry(
                        EventType.REQUEST_RECEIVED, "XA", "XB", "preservation", DAY.plusDays(3), null, "tok-3", 2)));

        Monitor.Round round = round(MonitorState.empty(), T0);

        assertThat(round.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Finding.Code.PAIR_DISAGREES);
            assertThat(f.entries()).containsExactly(0L, 1L);
            assertThat(f.fields()).containsExactly("day", "kind");
        });
        assertThat(round.state().pending()).isEmpty();
    }

    @Test
    void aRequestReceivedTheDayAfterItWasSentAgreesButOneReceivedBeforeItWasSentDoesNot() {
        // Delivered after midnight, within the 24 h grace: the sides' days differ by one, honestly.
        xa.publish(List.of(
                FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", DAY, null, "tok-5", 1),
                FixtureLog.entry(EventType.REQUEST_SENT, "XA", "XB", "stored-data", DAY, null, "tok-6", 2)));
        xb.publish(List.of(
                FixtureLog.entry(
                        EventType.REQUEST_RECEIVED, "XA", "XB", "stored-data", DAY.plusDays(1), null, "tok-5", 3),
                FixtureLog.entry(
                        EventType.REQUEST_RECEIVED, "XA", "XB", "stored-data", DAY.minusDays(1), null, "tok-6", 4)));

        Monitor.Round round = round(MonitorState.empty(), T0);

        assertThat(round.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Finding.Code.PAIR_DISAGREES);
            assertThat(f.entries()).containsExactly(1L, 1L);
            assertThat(f.fields()).containsExactly("day");
        });
        assertThat(round.state().pending()).isEmpty();
    }

    @Test
    void bundlesThatDoNotProduceTheRootAreAnErrorAndTheStateIsKept() {
        List<byte[]> entries = FixtureLog.plainEntries(300);
        xa.publish(entries);
        xb.publish(entries.subList(0, 1));
        var lying = new FollowedLog(
                "XA",
                xa.trusted(),
                path -> path.startsWith("tile/entries/")
                        ? xb.source().fetch("tile/entries/000.p/1")
                        : xa.source().fetch(path),
                null);

        Monitor.Round round = monitor.run(
                List.of(lying, new FollowedLog("XB", xb.trusted(), xb.source(), null)), MonitorState.empty(), T0);

        assertThat(round.errors()).singleElement().asString().contains("xa.comity.invalid/log");
        assertThat(round.state().verified()).containsOnlyKeys("xb.comity.invalid/log");
    }

    static String text(SignedNote note) {
        return new String(note.bytes(), StandardCharsets.UTF_8);
    }
}
