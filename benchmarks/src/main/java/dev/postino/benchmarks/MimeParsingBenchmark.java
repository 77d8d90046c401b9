package dev.postino.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.MessageShapes;

/**
 * How the inspection's cost grows with the size of a message of each shape (issue 15, part 3): a normal mail
 * (one base64 attachment), multiparts nested 90 deep (within the reader's bound of 100) with delimiter-like
 * lines in every leaf, and parts with 200 KB Content-Type headers (within the 256 KiB bound), at 1 and 4 MB; and
 * the two attack shapes of the issue, which the bounds stop: 16,000 nested multiparts (under 1 MB) and 160,000
 * Content-Type parameters (800 KB). Time per MB is the score divided by the size.
 *
 * <p>Run: {@code ./postino bench MimeParsing -f 1 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MimeParsingBenchmark {

    @Param({"normal-1MB", "normal-4MB", "nested-1MB", "nested-4MB", "parameters-1MB", "parameters-4MB",
        "attack-16000-nested", "attack-160000-parameters"})
    public String shape;

    private byte[] message;
    private final AttachmentInspector inspector = new AttachmentInspector(InspectionPolicy.DEFAULT);

    @Setup
    public void setUp() {
        message = switch (shape) {
            case "normal-1MB" -> MessageShapes.normal(1 << 20);
            case "normal-4MB" -> MessageShapes.normal(4 << 20);
            case "nested-1MB" -> MessageShapes.nested(1 << 20, 90);
            case "nested-4MB" -> MessageShapes.nested(4 << 20, 90);
            case "parameters-1MB" -> MessageShapes.parameters(1 << 20, 200_000);
            case "parameters-4MB" -> MessageShapes.parameters(4 << 20, 200_000);
            case "attack-16000-nested" -> MessageShapes.nestedChain(16_000);
            case "attack-160000-parameters" -> MessageShapes.parameterFlood(160_000);
            default -> throw new IllegalArgumentException(shape);
        };
    }

    @Benchmark
    public InspectionReport inspect() {
        return inspector.inspect(message);
    }
}
