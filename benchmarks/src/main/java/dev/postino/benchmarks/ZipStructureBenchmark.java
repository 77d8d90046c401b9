package dev.postino.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import dev.postino.attachments.zip.ZipLimits;
import dev.postino.attachments.zip.ZipStructure;
import dev.postino.attachments.zip.ZipStructureAnalyzer;

/**
 * The ZIP structure analysis against the floor of merely listing the same archive with
 * {@link ZipInputStream} (which inflates nothing it is not asked to, but must read every byte).
 * Archives are generated in {@link #setUp()}: a typical mail attachment (30 deflated documents),
 * and an overlapping-entry bomb of 65,534 central entries sharing one local header and one
 * 16 MiB kernel (Fifield's first construction; about 1 TB if extracted).
 *
 * <p>Run: {@code ./postino bench ZipStructure -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ZipStructureBenchmark {

    @Param({"attachment", "bomb"})
    public String archive;

    private byte[] bytes;
    private final ZipStructureAnalyzer analyzer = new ZipStructureAnalyzer(ZipLimits.defaults());

    @Setup
    public void setUp() {
        bytes = switch (archive) {
            case "attachment" -> attachment();
            case "bomb" -> overlapBomb(65_534, 16 << 20);
            default -> throw new IllegalArgumentException(archive);
        };
    }

    @Benchmark
    public ZipStructure analyze() {
        return analyzer.analyze(bytes);
    }

    /** Lists the local headers as a streaming reader does; on the bomb it sees one entry. */
    @Benchmark
    public void zipInputStreamListing(Blackhole hole) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                hole.consume(e.getName());
                if (archive.equals("bomb")) {
                    return; // inflating the kernel to reach the next header is the bomb itself
                }
            }
        }
    }

    private static byte[] attachment() {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < 30; i++) {
                zip.putNextEntry(new ZipEntry("documenti/fattura-" + i + ".pdf"));
                StringBuilder text = new StringBuilder("%PDF-1.7\n");
                for (int line = 0; line < 2000; line++) {
                    text.append("BT /F1 12 Tf 72 ").append(random.nextInt(800)).append(" Td (Importo ")
                            .append(random.nextInt(100_000)).append(") Tj ET\n");
                }
                zip.write(text.toString().getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] overlapBomb(int entries, int kernelSize) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(new byte[kernelSize]);
        deflater.finish();
        ByteArrayOutputStream kernel = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            kernel.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] compressed = kernel.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(new byte[kernelSize]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, 0x04034b50, crc.getValue(), compressed.length, kernelSize, "k".getBytes(StandardCharsets.US_ASCII), -1);
        out.writeBytes(compressed);
        int centralStart = out.size();
        for (int i = 0; i < entries; i++) {
            header(out, 0x02014b50, crc.getValue(), compressed.length, kernelSize,
                    String.format("%05d.bin", i).getBytes(StandardCharsets.US_ASCII), 0);
        }
        int centralSize = out.size() - centralStart;
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, entries);
        le16(out, entries);
        le32(out, centralSize);
        le32(out, centralStart);
        le16(out, 0);
        return out.toByteArray();
    }

    /** A local (localOffset -1) or central header; APPNOTE.TXT 4.3.7 and 4.3.12. */
    private static void header(ByteArrayOutputStream out, int signature, long crc, long compressed, long size,
                               byte[] name, long localOffset) {
        boolean central = localOffset >= 0;
        le32(out, signature);
        if (central) {
            le16(out, 20);
        }
        le16(out, 20);
        le16(out, 0);
        le16(out, 8);
        le16(out, 0);
        le16(out, 0x21);
        le32(out, crc);
        le32(out, compressed);
        le32(out, size);
        le16(out, name.length);
        le16(out, 0);
        if (central) {
            le16(out, 0);
            le16(out, 0);
            le16(out, 0);
            le32(out, 0);
            le32(out, localOffset);
        }
        out.writeBytes(name);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        le16(out, (int) (v & 0xFFFF));
        le16(out, (int) (v >>> 16));
    }
}
