package dev.postino.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.Corpus;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;

/**
 * Time to a verdict on the two zip bombs of the corpus (T34a Fifield-style overlapping entries, T34b
 * recursive 42.zip-style), with the default limits, in a 256 MB heap. The goal is well under a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ZipBombVerdictBenchmark {

    @Param({"T34a", "T34b"})
    public String bomb;

    private byte[] message;
    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    @Setup(Level.Trial)
    public void setUp() {
        message = Corpus.dangerous().stream().filter(c -> c.id().equals(bomb)).findFirst().orElseThrow().message();
        InspectionReport report = inspector.inspect(message);
        if (!report.dangerous()) {
            throw new IllegalStateException(bomb + " was not judged dangerous");
        }
    }

    @Benchmark
    public InspectionReport verdict() {
        return inspector.inspect(message);
    }
}
