package org.comity.benchmarks;

import java.util.concurrent.TimeUnit;
import org.comity.safeguards.Assessment;
import org.comity.safeguards.Kit;
import org.comity.safeguards.Scenarios;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Context;
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
 * One in-process assessment of a typical request (business e-mail compromise with laundering, to XB
 * whose policy pack has CEL rules): the rules, not the database. Throughput gives assessments per
 * second; sample time gives the p99. Target: ≥ 20 000/s, p99 &lt; 1 ms. The abusive request needs some
 * 30 000 assessments before the JIT has compiled it: with 3 × 2 s of warm-up it measured the compiler
 * (issue 18).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class SafeguardsAssessmentBenchmark {

    private final Assessor assessor = Assessor.standard();
    private Context typical;
    private Context abusive;

    @Setup
    public void setUp() {
        var scenarios = Scenarios.all();
        typical = context(scenarios, "04-bec-fraud-laundering.yaml");
        abusive = context(scenarios, "19-diaspora-dissident.yaml");
    }

    private static Context context(java.util.List<Scenarios.Scenario> all, String file) {
        var s = all.stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
        return Kit.context(s.input(), s.legalBasis());
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Assessment typicalRequest() {
        return assessor.assess(typical);
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Assessment abusiveRequestWithManyFindings() {
        return assessor.assess(abusive);
    }
}
