package dev.postino.attachments.zip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.attachments.zip.Zips.File;

/** Archives written by real, well-behaved writers: every one must come out without a single anomaly. */
class CleanArchivesTest {

    private final ZipStructureAnalyzer analyzer = new ZipStructureAnalyzer(ZipLimits.defaults());

    private static final String TEXT = "Gentile cliente,\ncome da lei richiesto in allegato potrà trovare copia"
            + " del bollettino postale con cui effettuare il pagamento.\n".repeat(20);

    @Test
    void deflatedArchiveFromCommonsCompressIsClean() {
        ZipStructure s = analyzer.analyze(Zips.commons(
                File.deflated("docs/", ""), File.deflated("docs/bollettino.pdf", TEXT), File.deflated("leggimi.txt", TEXT)));

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).extracting(ZipEntryView::name)
                .containsExactly("docs/", "docs/bollettino.pdf", "leggimi.txt");
        assertThat(s.entries()).allSatisfy(e -> assertThat(e.source()).isEqualTo(ZipEntryView.Source.BOTH));
    }

    @Test
    void storedEntriesOfEveryCommonFileTypeAreClean() {
        ZipStructure s = analyzer.analyze(Zips.commons(
                File.stored("a.txt", TEXT),
                File.stored("b.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + TEXT),
                File.stored("c.png", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, random(1, 3000))),
                File.stored("d.jpg", concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, random(2, 3000))),
                File.stored("e.exe", concat("MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1), random(3, 3000))),
                File.stored("f.zip", Zips.commons(File.deflated("inner.txt", TEXT))),
                File.stored("g.gz", concat(new byte[] {0x1F, (byte) 0x8B, 8, 0}, random(4, 3000))),
                File.stored("empty.txt", "")));

        assertThat(s.anomalies()).isEmpty();
    }

    @Test
    void storedRandomDataIsNotMistakenForDeflate() {
        for (int seed = 0; seed < 300; seed++) {
            byte[] zip = Zips.commons(File.stored("noise-" + seed + ".bin", random(seed, 1 + seed * 7)));
            assertThat(analyzer.analyze(zip).anomalies()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void dataDescriptorsFromJavaUtilZipAreClean() {
        byte[] zip = Zips.jdk(null, File.deflated("uno.txt", TEXT), File.deflated("due.txt", "due"),
                File.stored("tre.txt", "tre"));

        ZipStructure s = analyzer.analyze(zip);

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).hasSize(3);
    }

    @Test
    void dataDescriptorsFromStreamingCommonsCompressAreClean() {
        byte[] zip = Zips.commonsStreaming(Zip64Mode.AsNeeded, File.deflated("uno.txt", TEXT),
                File.deflated("due.txt", ""));

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void storedEntryWhoseSizesFollowInADataDescriptorIsClean() {
        // Legal (APPNOTE 4.4.4 bit 3) though java.util.zip.ZipInputStream refuses it: the walk finds
        // the descriptor by its size, as commons-compress does.
        RawZip raw = new RawZip();
        RawZip.Entry e = RawZip.stored("a.txt", TEXT);
        long offset = raw.localWithDescriptor(e);
        byte[] zip = raw.central(e.flags(8), offset).finish();

        ZipStructure s = analyzer.analyze(zip);

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).singleElement().satisfies(v -> assertThat(v.source()).isEqualTo(ZipEntryView.Source.BOTH));
    }

    @Test
    void dataDescriptorWithoutItsOptionalSignatureIsClean() {
        RawZip raw = new RawZip();
        RawZip.Entry e = RawZip.deflated("a.txt", TEXT);
        long offset = raw.local(e.flags(8).crc(0).sizes(0, 0));
        java.io.ByteArrayOutputStream descriptor = new java.io.ByteArrayOutputStream();
        RawZip.u32(descriptor, e.crc());
        RawZip.u32(descriptor, e.compressedSize());
        RawZip.u32(descriptor, e.uncompressedSize());
        raw.raw(descriptor.toByteArray());
        RawZip.Entry f = RawZip.deflated("b.txt", "b");
        long second = raw.local(f);
        byte[] zip = raw.central(e.flags(8), offset).central(f, second).finish();

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void zip64ArchiveWrittenWithZip64ModeAlwaysIsClean() {
        byte[] zip = Zips.commons(Zip64Mode.Always, null, File.deflated("a.txt", TEXT), File.stored("b.txt", TEXT),
                File.deflated("c/", ""));

        ZipStructure s = analyzer.analyze(zip);

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).extracting(ZipEntryView::uncompressedSize)
                .containsExactly((long) TEXT.getBytes(StandardCharsets.UTF_8).length,
                        (long) TEXT.getBytes(StandardCharsets.UTF_8).length, 0L);
    }

    @Test
    void zip64ModeAlwaysWithCompatibilityIsClean() {
        // Writes ZIP64 fields but keeps the real values in the 32-bit fields where they fit.
        byte[] zip = Zips.commons(Zip64Mode.AlwaysWithCompatibility, null, File.deflated("a.txt", TEXT),
                File.stored("b.txt", TEXT));

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void zip64PlaceholderBesideRealLocalSizesIsIgnored() {
        // APPNOTE 4.5.3: only header fields holding 0xFFFFFFFF take their value from the ZIP64 field.
        java.io.ByteArrayOutputStream placeholder = new java.io.ByteArrayOutputStream();
        RawZip.u16(placeholder, 0x0001);
        RawZip.u16(placeholder, 16);
        placeholder.writeBytes(new byte[16]);
        RawZip raw = new RawZip();
        RawZip.Entry e = RawZip.deflated("a.txt", TEXT);
        long offset = raw.local(e.extra(placeholder.toByteArray()));
        byte[] zip = raw.central(e, offset).finish();

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void streamedZip64ArchiveWithZip64DescriptorsIsClean() {
        byte[] zip = Zips.commonsStreaming(Zip64Mode.Always, File.deflated("a.txt", TEXT), File.deflated("b.txt", "b"));

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void utf8NamesAreCleanAndDecoded() {
        ZipStructure s = analyzer.analyze(Zips.commons(File.deflated("fattura_è.pdf", TEXT),
                File.deflated("請求書.txt", TEXT), File.deflated("Ünïcödé/ñ.txt", TEXT)));

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).extracting(ZipEntryView::name)
                .containsExactly("fattura_è.pdf", "請求書.txt", "Ünïcödé/ñ.txt");
        assertThat(s.entries()).allSatisfy(e -> assertThat(e.utf8Flag()).isTrue());
    }

    @Test
    void cp437NamesAreDecodedAsCp437() {
        byte[] zip = new RawZip().entry(RawZip.stored("x", "x").rawName(new byte[] {'f', (byte) 0x82, '.', 't', 'x', 't'}))
                .finish();

        ZipStructure s = analyzer.analyze(zip);

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).extracting(ZipEntryView::name).containsExactly("fé.txt");
    }

    @Test
    void emptyArchiveIsClean() {
        ZipStructure s = analyzer.analyze(Zips.jdk(null));

        assertThat(s.anomalies()).isEmpty();
        assertThat(s.entries()).isEmpty();
    }

    @Test
    void archiveCommentIsNotTrailingData() {
        byte[] zip = Zips.commons(Zip64Mode.AsNeeded, "Scansionato il 15/03/2024 — ufficio contabilità",
                File.deflated("scan.pdf", TEXT));

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void commentOfMaximumLengthIsClean() {
        byte[] zip = Zips.jdk("c".repeat(0xFFFF), File.deflated("a.txt", TEXT));

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    @Test
    void fileChannelGivesTheSameResultAsBytes(@TempDir Path dir) throws IOException {
        byte[] zip = Zips.jdk(null, File.deflated("a.txt", TEXT), File.deflated("b.txt", "b"));
        Path file = Files.write(dir.resolve("a.zip"), zip);

        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            assertThat(analyzer.analyze(channel)).isEqualTo(analyzer.analyze(zip));
        }
    }

    @Test
    void archiveLargerThanTheReadWindowIsClean() {
        byte[] big = random(7, 300_000);
        byte[] zip = Zips.jdk(null, File.stored("big.bin", big), File.deflated("a.txt", TEXT),
                File.deflated("big2.bin", big));

        assertThat(analyzer.analyze(zip).anomalies()).isEmpty();
    }

    static byte[] random(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        return Zips.concat(a, b);
    }
}
