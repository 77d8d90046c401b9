package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every input reaches a verdict within maxTime plus a small constant, whatever its shape: the attack shapes
 * (deep nesting, a flood of parameters) are stopped by the reader's own bounds long before, and a message that
 * arrives too slowly is stopped by the clock while it is being parsed, not only between parts. The time bounds
 * here are generous, for a shared two-core machine; a quadratic parser takes seconds on these shapes.
 */
class ParseTimeBoundsTest {

    private static final AttachmentInspector INSPECTOR = new AttachmentInspector(InspectionPolicy.DEFAULT);

    private static InspectionReport timed(byte[] message, Duration bound) {
        long start = System.nanoTime();
        InspectionReport report = INSPECTOR.inspect(message);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
        return report;
    }

    @Test
    void sixteenThousandNestedMultipartsStopAtTheNestingLimit() {
        byte[] message = MessageShapes.nestedChain(16_000);
        assertThat(message.length).isLessThan(1_000_000);

        InspectionReport report = timed(message, Duration.ofSeconds(1));

        assertThat(report.dangerous()).isTrue();
        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.LIMIT_EXCEEDED);
        assertThat(report.findings().get(0).message()).contains("nested more than");
    }

    @Test
    void aHundredAndSixtyThousandParametersStopAtTheHeaderLimit() {
        byte[] message = MessageShapes.parameterFlood(160_000);

        InspectionReport report = timed(message, Duration.ofSeconds(1));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.LIMIT_EXCEEDED);
        assertThat(report.findings().get(0).message()).contains("header block");
    }

    @Test
    void shapesWithinTheBoundsCostTimeProportionalToTheirSize() {
        for (java.util.function.IntFunction<byte[]> shape : List.<java.util.function.IntFunction<byte[]>>of(
                size -> MessageShapes.nested(size, 90), size -> MessageShapes.parameters(size, 200_000), MessageShapes::normal)) {
            byte[] small = shape.apply(1 << 20);
            byte[] large = shape.apply(4 << 20);
            assertThat(INSPECTOR.inspect(small).findings()).isEmpty();
            long smallTime = fastest(small);
            long largeTime = fastest(large);
            // four times the bytes: linear is 4x, quadratic 16x
            assertThat(largeTime).isLessThan(8 * smallTime + 100_000_000L);
        }
    }

    private static long fastest(byte[] message) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            INSPECTOR.inspect(message);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    @Test
    void aMessageArrivingTooSlowlyIsStoppedByTheClockWhileItIsParsed() {
        InspectionPolicy policy = InspectionPolicy.DEFAULT.withLimits(InspectionLimits.DEFAULTS.withMaxTime(Duration.ofMillis(300)));
        INSPECTOR.inspect(MessageShapes.normal(100_000)); // classes loaded and compiled: the constant is the steady one
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(MessageShapes.normal(2 << 20))) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return super.read(buffer, offset, Math.min(length, 4096));
            }
        };

        long start = System.nanoTime();
        InspectionReport report = new AttachmentInspector(policy).inspect(trickle);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 700));
        assertThat(report.findings()).extracting(Finding::code).containsExactly(ReasonCode.LIMIT_EXCEEDED);
    }
}
