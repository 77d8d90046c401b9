package dev.postino.attachments.zip;

import static dev.postino.attachments.zip.ZipAnomalyKind.CONCATENATED_ARCHIVES;
import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_AFTER_END_RECORD;
import static dev.postino.attachments.zip.ZipAnomalyKind.DATA_BEFORE_FIRST_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.DUPLICATE_NAME;
import static dev.postino.attachments.zip.ZipAnomalyKind.ENCRYPTED_ENTRY;
import static dev.postino.attachments.zip.ZipAnomalyKind.INVALID_NAME_ENCODING;
import static dev.postino.attachments.zip.ZipAnomalyKind.LIMIT_EXCEEDED;
import static dev.postino.attachments.zip.ZipAnomalyKind.MALFORMED;
import static dev.postino.attachments.zip.ZipAnomalyKind.METHOD_CONTRADICTS_DATA;
import static dev.postino.attachments.zip.ZipAnomalyKind.NAME_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomalyKind.ONLY_IN_CENTRAL_DIRECTORY;
import static dev.postino.attachments.zip.ZipAnomalyKind.ONLY_IN_LOCAL_HEADERS;
import static dev.postino.attachments.zip.ZipAnomalyKind.OVERLAPPING_ENTRIES;
import static dev.postino.attachments.zip.ZipAnomalyKind.SIZE_MISMATCH;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNKNOWN_METHOD;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNREFERENCED_DATA;
import static dev.postino.attachments.zip.ZipAnomalyKind.UNSAFE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.zip.RawZip.Entry;
import dev.postino.attachments.zip.ZipEntryView.Source;
import dev.postino.attachments.zip.Zips.File;

/** One archive per trick, each built in the test, and the anomaly it must raise. */
class ZipStructureAnalyzerTest {

    private static final String PDF = "%PDF-1.7\n" + "1 0 obj << /Type /Catalog >> endobj\n".repeat(30);
    private static final byte[] EXE = ("MZ\u0090\u0000\u0003" + "This program cannot be run in DOS mode.".repeat(20))
            .getBytes(StandardCharsets.ISO_8859_1);

    private final ZipStructureAnalyzer analyzer = new ZipStructureAnalyzer(ZipLimits.defaults());

    private ZipStructure analyze(byte[] zip) {
        return analyzer.analyze(zip);
    }

    private static byte[] benign() {
        return Zips.commons(File.deflated("bollettino.pdf", PDF));
    }

    private static byte[] evil() {
        return Zips.commons(File.deflated("bollettino.pdf.exe", new String(EXE, StandardCharsets.ISO_8859_1)));
    }

    @Nested
    class ConcatenatedArchives {

        @Test
        void twoArchivesGluedTogetherAreReported() {
            ZipStructure s = analyze(Zips.concat(benign(), evil()));

            assertThat(s.has(CONCATENATED_ARCHIVES)).isTrue();
        }

        @Test
        void entriesOfBothArchivesAreListedSoNameChecksSeeThePayload() {
            ZipStructure s = analyze(Zips.concat(evil(), benign()));

            assertThat(s.entries()).extracting(ZipEntryView::name)
                    .contains("bollettino.pdf", "bollettino.pdf.exe");
            assertThat(s.entries()).filteredOn(e -> e.name().equals("bollettino.pdf.exe"))
                    .extracting(ZipEntryView::source).containsExactly(Source.LOCAL);
        }

        @Test
        void archiveGluedAfterALargeOneIsFoundByTheLocalWalk() {
            // The first archive's end record is far from the end: only the walk can see it.
            byte[] large = Zips.commons(File.stored("big.bin", CleanArchivesTest.random(1, 100_000)));

            ZipStructure s = analyze(Zips.concat(large, evil()));

            assertThat(s.has(CONCATENATED_ARCHIVES)).isTrue();
        }

        @Test
        void archiveHiddenAfterTheLastEndRecordIsReported() {
            // An end record whose comment length is 0 followed by a whole second archive: the
            // backward search picks the second archive, the walk still meets the first's end.
            byte[] s1 = benign();
            byte[] both = Zips.concat(s1, new byte[100], evil());

            assertThat(analyze(both).has(CONCATENATED_ARCHIVES)).isTrue();
        }

        @Test
        void endRecordHiddenInTheCommentOfTheRealOneIsReported() {
            // Readers that search backwards stop at the copy inside the comment; readers that walk
            // forwards use the real one, whose comment swallows the copy.
            byte[] zip = benign();
            int end = Zips.header(zip, ZipRecords.END_RECORD, 0);
            byte[] copy = java.util.Arrays.copyOfRange(zip, end, end + 22);
            byte[] withComment = Zips.concat(Zips.putU16(zip, end + 20, 22), copy);

            assertThat(analyze(withComment).has(CONCATENATED_ARCHIVES)).isTrue();
        }

        @Test
        void secondCentralDirectoryRenamingTheSameEntriesIsReported() {
            // Append a copy of the central directory that calls the entry an .exe, with an end
            // record pointing at the copy: backward readers list the copy, the walk meets both.
            byte[] zip = benign();
            int directory = Zips.centralHeader(zip, 0);
            int end = Zips.header(zip, ZipRecords.END_RECORD, 0);
            byte[] copy = java.util.Arrays.copyOfRange(zip, directory, zip.length);
            copy = Zips.put(copy, Zips.indexOf(copy, "bollettino.pdf", 0), "bollettino.exe");
            copy = Zips.putU32(copy, end - directory + 16, zip.length);

            ZipStructure s = analyze(Zips.concat(zip, copy));

            assertThat(s.has(CONCATENATED_ARCHIVES)).isTrue();
            assertThat(s.has(NAME_MISMATCH)).isTrue();
        }

        @Test
        void storedZipInsideTheZipIsNotAConcatenation() {
            ZipStructure s = analyze(Zips.commons(File.stored("inner.zip", evil())));

            assertThat(s.anomalies()).isEmpty();
        }
    }

    @Nested
    class DataAfterEndRecord {

        @Test
        void bytesAfterTheEndRecordAreReported() {
            ZipStructure s = analyze(Zips.concat(benign(), "trailing payload".getBytes(StandardCharsets.US_ASCII)));

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(DATA_AFTER_END_RECORD);
        }

        @Test
        void junkLongerThanTheCommentWindowHidesTheArchiveFromZipFileButNotFromTheWalk() {
            ZipStructure s = analyze(Zips.concat(evil(), new byte[70_000]));

            assertThat(s.has(DATA_AFTER_END_RECORD)).isTrue();
            assertThat(s.has(MALFORMED)).isTrue();
            assertThat(s.entries()).extracting(ZipEntryView::name, ZipEntryView::source).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("bollettino.pdf.exe", Source.LOCAL));
        }

        @Test
        void payloadBeyondTheWindowRspamdSearchesIsStillFound() {
            // rspamd looks for the end record in the last ~1 KiB only.
            ZipStructure s = analyze(Zips.concat(benign(), new byte[4000]));

            assertThat(s.has(DATA_AFTER_END_RECORD)).isTrue();
            assertThat(s.entries()).extracting(ZipEntryView::name).containsExactly("bollettino.pdf");
        }
    }

    @Nested
    class DataBeforeFirstEntry {

        @Test
        void selfExtractorStubIsReportedAsItsOwnKind() {
            byte[] stub = Zips.concat(EXE, new byte[512]);

            ZipStructure s = analyze(Zips.concat(stub, benign()));

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(DATA_BEFORE_FIRST_ENTRY);
            assertThat(s.anomalies().get(0).detail()).contains("Windows executable");
            assertThat(s.entries()).extracting(ZipEntryView::localHeaderOffset).containsExactly((long) stub.length);
        }

        @Test
        void stubWithOffsetsAdjustedLikeZipDashAIsReportedToo() {
            // zip -A rewrites the offsets to count the stub: no offset delta, same finding.
            RawZip raw = new RawZip().raw(EXE);
            Entry e = RawZip.deflated("a.txt", PDF);
            byte[] zip = raw.entry(e).finish();

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(DATA_BEFORE_FIRST_ENTRY);
        }

        @Test
        void pdfPolyglotIsDescribedAsOne() {
            ZipStructure s = analyze(Zips.concat(PDF.getBytes(StandardCharsets.US_ASCII), benign()));

            assertThat(s.anomalies(DATA_BEFORE_FIRST_ENTRY)).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("polyglot"));
        }
    }

    @Nested
    class UnreferencedData {

        @Test
        void gapBetweenTwoEntriesIsReported() {
            RawZip raw = new RawZip();
            Entry a = RawZip.stored("a.txt", "a");
            Entry b = RawZip.stored("b.txt", "b");
            long offsetA = raw.local(a);
            raw.raw("hidden payload between entries".getBytes(StandardCharsets.US_ASCII));
            long offsetB = raw.local(b);
            byte[] zip = raw.central(a, offsetA).central(b, offsetB).finish();

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(UNREFERENCED_DATA);
        }

        @Test
        void dataInsideADirectoryEntryIsReported() {
            byte[] zip = new RawZip().entry(RawZip.deflated("docs/", EXE)).finish();

            assertThat(analyze(zip).anomalies()).extracting(ZipAnomaly::kind).containsExactly(UNREFERENCED_DATA);
        }
    }

    @Nested
    class NameMismatch {

        @Test
        void localHeaderNamingAnExeBehindACentralPdfIsReported() {
            byte[] zip = benign();
            zip = Zips.put(zip, Zips.indexOf(zip, "bollettino.pdf", 0), "bollettino.exe");

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies(NAME_MISMATCH)).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("bollettino.pdf", "bollettino.exe"));
        }

        @Test
        void bothNamesAreListedSoEveryNameIsChecked() {
            byte[] zip = benign();
            zip = Zips.put(zip, Zips.indexOf(zip, "bollettino.pdf", 1), "bollettino.exe");

            ZipStructure s = analyze(zip);

            assertThat(s.entries()).extracting(ZipEntryView::name, ZipEntryView::source)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("bollettino.exe", Source.CENTRAL),
                            org.assertj.core.groups.Tuple.tuple("bollettino.pdf", Source.LOCAL));
        }

        @Test
        void unicodePathFieldNamingAnotherFileIsReported() {
            byte[] name = "invoice.pdf".getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(name);
            byte[] unicode = "invoice.exe".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            RawZip.u16(extra, 0x7075);
            RawZip.u16(extra, 5 + unicode.length);
            extra.write(1);
            RawZip.u32(extra, crc.getValue());
            extra.writeBytes(unicode);
            byte[] zip = new RawZip().entry(RawZip.stored("invoice.pdf", PDF).extra(extra.toByteArray())).finish();

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies(NAME_MISMATCH)).isNotEmpty();
            assertThat(s.entries()).extracting(ZipEntryView::name).contains("invoice.pdf", "invoice.exe");
        }
    }

    @Nested
    class OneViewOnly {

        @Test
        void localHeaderMissingFromTheCentralDirectoryIsReported() {
            RawZip raw = new RawZip();
            Entry shown = RawZip.deflated("bollettino.pdf", PDF);
            long offset = raw.local(shown);
            raw.local(RawZip.stored("bollettino.pdf.exe", EXE));
            byte[] zip = raw.central(shown, offset).finish();

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(ONLY_IN_LOCAL_HEADERS);
            assertThat(s.entries()).extracting(ZipEntryView::name, ZipEntryView::source).contains(
                    org.assertj.core.groups.Tuple.tuple("bollettino.pdf.exe", Source.LOCAL));
        }

        @Test
        void centralEntryWhoseLocalHeaderHidesInsideAnotherEntryIsReported() {
            // The hidden entry's header and data are the stored content of a decoy entry.
            RawZip inner = new RawZip();
            Entry hidden = RawZip.stored("payload.exe", EXE);
            inner.local(hidden);
            byte[] hiddenBytes = inner.finish();
            byte[] quoted = java.util.Arrays.copyOf(hiddenBytes, 30 + "payload.exe".length() + EXE.length);
            RawZip raw = new RawZip();
            Entry decoy = RawZip.stored("readme.bin", quoted);
            long decoyOffset = raw.local(decoy);
            byte[] zip = raw.central(decoy, decoyOffset).central(hidden, decoyOffset + 30 + "readme.bin".length())
                    .finish();

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies(ONLY_IN_CENTRAL_DIRECTORY)).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("inside the data of 'readme.bin'"));
            assertThat(s.entries()).extracting(ZipEntryView::name, ZipEntryView::source).contains(
                    org.assertj.core.groups.Tuple.tuple("payload.exe", Source.CENTRAL));
        }
    }

    @Nested
    class DuplicateName {

        @Test
        void sameNameTwiceIsReported() {
            byte[] zip = new RawZip().entry(RawZip.stored("fattura.pdf", PDF))
                    .entry(RawZip.stored("fattura.pdf", EXE)).finish();

            assertThat(analyze(zip).anomalies(DUPLICATE_NAME)).hasSize(2); // in each view
        }

        @Test
        void namesDifferingOnlyInCaseAreReported() {
            byte[] zip = Zips.commons(File.deflated("Fattura.PDF", PDF), File.deflated("fattura.pdf", PDF));

            assertThat(analyze(zip).anomalies(DUPLICATE_NAME)).isNotEmpty();
        }

        @Test
        void composedAndDecomposedUnicodeNamesAreReported() {
            byte[] zip = Zips.commons(File.deflated("caff\u00e8.pdf", PDF), File.deflated("caffe\u0300.pdf", PDF));

            assertThat(analyze(zip).anomalies(DUPLICATE_NAME)).isNotEmpty();
        }

        @Test
        void trailingSpaceFileBesideSameNamedFolderIsReported() {
            // WinRAR CVE-2023-38831: "x.pdf " and "x.pdf /" collide once Windows strips the space.
            byte[] zip = Zips.commons(File.deflated("x.pdf ", PDF), File.deflated("x.pdf /run.cmd", "calc"));
            byte[] zip2 = Zips.commons(File.deflated("x.pdf ", PDF), File.deflated("x.pdf /", ""));

            assertThat(analyze(zip2).anomalies(DUPLICATE_NAME)).isNotEmpty();
            assertThat(analyze(zip).anomalies(DUPLICATE_NAME)).isEmpty();
        }

        @Test
        void backslashAndSlashPathsAreTheSameFile() {
            byte[] zip = Zips.commons(File.deflated("docs/a.pdf", PDF), File.deflated("docs\\a.pdf", PDF));

            assertThat(analyze(zip).anomalies(DUPLICATE_NAME)).isNotEmpty();
        }
    }

    @Nested
    class OverlappingEntries {

        @Test
        void twoCentralEntriesSharingOneLocalHeaderAreReported() {
            RawZip raw = new RawZip();
            Entry e = RawZip.deflated("a.txt", PDF);
            long offset = raw.local(e);
            byte[] zip = raw.central(e, offset).central(e.name("b.txt"), offset).finish();

            ZipStructure s = analyze(zip);

            assertThat(s.anomalies(OVERLAPPING_ENTRIES)).isNotEmpty();
        }

        @Test
        void sharedLocalHeaderIsListedOnceWhateverTheNumberOfCentralEntries() {
            RawZip raw = new RawZip();
            Entry e = RawZip.deflated("kernel", PDF);
            long offset = raw.local(e);
            for (int i = 0; i < 100; i++) {
                raw.central(e.name("copy" + i + ".txt"), offset);
            }

            ZipStructure s = analyze(raw.finish());

            assertThat(s.entries()).hasSize(101).filteredOn(v -> v.source() == Source.LOCAL)
                    .extracting(ZipEntryView::name).containsExactly("kernel");
        }

        @Test
        void fifieldBombIsReported() {
            ZipStructure s = analyze(FifieldBomb.generate(500, 1 << 20));

            assertThat(s.has(OVERLAPPING_ENTRIES)).isTrue();
            assertThat(s.anomalies().size()).isLessThan(200);
        }
    }

    @Nested
    class MethodContradictsData {

        @Test
        void storedEntryWhoseDataIsADeflateStreamIsReported() {
            // "Zombie ZIP": method 0 over deflated bytes, sizes made consistent with STORED.
            byte[] deflated = RawZip.deflate(PDF.getBytes(StandardCharsets.US_ASCII));
            Entry zombie = RawZip.stored("bollettino.pdf", deflated);

            ZipStructure s = analyze(new RawZip().entry(zombie).finish());

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(METHOD_CONTRADICTS_DATA);
            assertThat(s.anomalies().get(0).detail()).contains("deflate stream");
        }

        @Test
        void storedEntryWithDifferentSizesIsReported() {
            Entry e = RawZip.deflated("bollettino.pdf", PDF).method(0);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies())
                    .extracting(ZipAnomaly::kind).containsExactly(METHOD_CONTRADICTS_DATA);
        }

        @Test
        void deflateEntryWhoseDataIsPlainBytesIsReported() {
            Entry e = RawZip.stored("a.exe", EXE).method(8);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(METHOD_CONTRADICTS_DATA)).isNotEmpty();
        }

        @Test
        void deflateEntryDeclaringAnImpossibleRatioIsReported() {
            Entry e = RawZip.deflated("a.txt", "a").sizes(3, 10_000_000);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(METHOD_CONTRADICTS_DATA)).isNotEmpty();
        }

        @Test
        void methodDifferingBetweenLocalAndCentralHeaderIsReported() {
            byte[] zip = Zips.commons(File.stored("a.txt", PDF));
            zip = Zips.putU16(zip, Zips.centralHeader(zip, 0) + 10, 8);

            assertThat(analyze(zip).anomalies(METHOD_CONTRADICTS_DATA))
                    .anySatisfy(a -> assertThat(a.detail()).contains("local header says 0"));
        }

        @Test
        void bzip2EntryWithoutItsMagicIsReported() {
            Entry e = RawZip.stored("a.txt", PDF).method(12);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(METHOD_CONTRADICTS_DATA)).isNotEmpty();
        }

        @Test
        void deflateStreamEndingBeforeTheEntryDataIsReported() {
            byte[] deflated = RawZip.deflate(PDF.getBytes(StandardCharsets.US_ASCII));
            byte[] padded = Zips.concat(deflated, "hidden tail".getBytes(StandardCharsets.US_ASCII));
            Entry e = RawZip.deflated("a.txt", PDF).data(padded).sizes(padded.length, PDF.length());

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(METHOD_CONTRADICTS_DATA))
                    .anySatisfy(a -> assertThat(a.detail()).contains("hidden"));
        }
    }

    @Nested
    class UnknownMethod {

        @Test
        void undefinedMethodNumberIsReported() {
            Entry e = RawZip.stored("a.exe", EXE).method(77);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies())
                    .extracting(ZipAnomaly::kind).containsExactly(UNKNOWN_METHOD);
        }
    }

    @Nested
    class InvalidNameEncoding {

        @Test
        void utf8FlagOverInvalidUtf8IsReported() {
            Entry e = RawZip.stored("x", "x").rawName(new byte[] {'a', (byte) 0xC3, '(', '.', 'e', 'x', 'e'})
                    .flags(1 << 11);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(INVALID_NAME_ENCODING)).isNotEmpty();
        }

        @Test
        void overlongUtf8IsReported() {
            // 0xC0 0xAE is an overlong '.', the classic way to smuggle a dot past a filter.
            Entry e = RawZip.stored("x", "x").rawName(new byte[] {'a', (byte) 0xC0, (byte) 0xAE, 'e', 'x', 'e'})
                    .flags(1 << 11);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(INVALID_NAME_ENCODING)).isNotEmpty();
        }

        @Test
        void nulCharacterInNameIsReported() {
            Entry e = RawZip.stored("x", PDF).rawName("bollettino.pdf\0.exe".getBytes(StandardCharsets.US_ASCII));

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(INVALID_NAME_ENCODING))
                    .anySatisfy(a -> assertThat(a.detail()).contains("NUL"));
        }
    }

    @Nested
    class UnsafePath {

        @Test
        void dotDotSegmentsAreReported() {
            byte[] zip = Zips.commons(File.deflated(
                    "../../AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/bollettino.exe", "x"));

            assertThat(analyze(zip).anomalies()).extracting(ZipAnomaly::kind).containsExactly(UNSAFE_PATH);
        }

        @Test
        void backslashDotDotSegmentsAreReported() {
            byte[] zip = new RawZip().entry(RawZip.stored("docs\\..\\..\\x.exe", "x")).finish();

            assertThat(analyze(zip).has(UNSAFE_PATH)).isTrue();
        }

        @Test
        void absolutePathsAreReported() {
            assertThat(analyze(Zips.commons(File.deflated("/etc/cron.d/job", "x"))).has(UNSAFE_PATH)).isTrue();
            assertThat(analyze(new RawZip().entry(RawZip.stored("C:\\x.exe", "x")).finish()).has(UNSAFE_PATH))
                    .isTrue();
        }

        @Test
        void unixSymbolicLinkIsReported() {
            byte[] zip = new RawZip().entry(RawZip.stored("link", "/home/user/.bashrc")).finish();
            int central = Zips.centralHeader(zip, 0);
            zip = Zips.putU16(zip, central + 4, 3 << 8 | 30);
            zip = Zips.putU32(zip, central + 38, 0120777L << 16);

            assertThat(analyze(zip).anomalies(UNSAFE_PATH)).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("symbolic link"));
        }

        @Test
        void dotsInsideNamesAreFine() {
            assertThat(analyze(Zips.commons(File.deflated("v2..1/..notes.txt", "x"), File.deflated("a/.../b", "y")))
                    .anomalies()).isEmpty();
        }
    }

    @Nested
    class EncryptedEntry {

        @Test
        void zipCryptoFlagIsReported() {
            Entry e = RawZip.stored("a.pdf", Zips.concat(new byte[12], EXE)).flags(1).sizes(12 + EXE.length, EXE.length);

            ZipStructure s = analyze(new RawZip().entry(e).finish());

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(ENCRYPTED_ENTRY);
            assertThat(s.anomalies().get(0).detail()).contains("ZipCrypto");
            assertThat(s.hasEncryptedEntries()).isTrue();
        }

        @Test
        void winZipAesExtraFieldIsReported() {
            byte[] aes = {0x01, (byte) 0x99, 7, 0, 2, 0, 'A', 'E', 3, 8, 0};
            Entry e = RawZip.stored("a.pdf", CleanArchivesTest.random(1, 100)).method(99).flags(1).extra(aes);

            ZipStructure s = analyze(new RawZip().entry(e).finish());

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsExactly(ENCRYPTED_ENTRY);
            assertThat(s.anomalies().get(0).detail()).contains("AES-256");
            assertThat(s.entries()).singleElement().satisfies(v -> assertThat(v.aes()).isTrue());
        }

        @Test
        void strongEncryptionFlagIsReported() {
            Entry e = RawZip.stored("a.pdf", CleanArchivesTest.random(1, 100)).flags(1 | 1 << 6);

            assertThat(analyze(new RawZip().entry(e).finish()).anomalies(ENCRYPTED_ENTRY)).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("strong"));
        }
    }

    @Nested
    class SizeMismatch {

        @Test
        void sizeDifferingBetweenLocalAndCentralHeaderIsReported() {
            byte[] zip = benign();
            zip = Zips.putU32(zip, Zips.centralHeader(zip, 0) + 24, 1);

            assertThat(analyze(zip).anomalies(SIZE_MISMATCH)).isNotEmpty();
        }

        @Test
        void dataDescriptorDisagreeingWithTheCentralDirectoryIsReported() {
            RawZip raw = new RawZip();
            Entry e = RawZip.deflated("a.txt", PDF);
            long offset = raw.localWithDescriptor(e);
            byte[] zip = raw.central(e.flags(8).crc(e.crc() ^ 1), offset).finish();

            assertThat(analyze(zip).anomalies(SIZE_MISMATCH)).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("CRC-32", "data descriptor"));
        }
    }

    @Nested
    class LimitExceeded {

        @Test
        void moreEntriesThanTheLimitIsReported() {
            byte[] zip = Zips.commons(File.deflated("a", "a"), File.deflated("b", "b"), File.deflated("c", "c"));

            ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults().withMaxEntries(2)).analyze(zip);

            assertThat(s.has(LIMIT_EXCEEDED)).isTrue();
            assertThat(s.isIncomplete()).isTrue();
        }

        @Test
        void centralDirectoryLargerThanTheLimitIsReported() {
            byte[] zip = Zips.commons(File.deflated("a", "a"), File.deflated("b", "b"));

            ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults().withMaxCentralDirectoryBytes(50)).analyze(zip);

            assertThat(s.has(LIMIT_EXCEEDED)).isTrue();
        }

        @Test
        void searchingForADataDescriptorBeyondTheBudgetIsReported() {
            byte[] zip = Zips.jdk(null, File.deflated("a.bin", CleanArchivesTest.random(3, 50_000)));

            ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults().withMaxScannedBytes(1000)).analyze(zip);

            assertThat(s.has(LIMIT_EXCEEDED)).isTrue();
        }

        @Test
        void walkCutShortByTheScanBudgetClaimsNoHiddenEntries() {
            byte[] zip = Zips.jdk(null, File.deflated("a.bin", CleanArchivesTest.random(3, 5_000)),
                    File.deflated("b.txt", PDF), File.deflated("c.txt", PDF));

            ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults().withMaxScannedBytes(1000)).analyze(zip);

            assertThat(s.anomalies()).extracting(ZipAnomaly::kind).containsOnly(LIMIT_EXCEEDED);
        }

        @Test
        void descriptorSearchesCostTheBytesTheyExamineNotAWholeReadChunk() {
            // Found in real jars: 2,000 small entries with descriptors once exhausted 128 MiB.
            File[] files = new File[500];
            for (int i = 0; i < files.length; i++) {
                files[i] = File.deflated("f" + i + ".txt", "contenuto " + i);
            }
            byte[] zip = Zips.jdk(null, files);

            ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults().withMaxScannedBytes(zip.length))
                    .analyze(zip);

            assertThat(s.anomalies()).isEmpty();
        }

        @Test
        void anomaliesBeyondThePerKindCapAreSummarised() {
            RawZip raw = new RawZip();
            for (int i = 0; i < 30; i++) {
                raw.entry(RawZip.stored("secret" + i + ".pdf", "x").flags(1));
            }

            ZipStructure s = new ZipStructureAnalyzer(ZipLimits.defaults().withMaxAnomaliesPerKind(5))
                    .analyze(raw.finish());

            assertThat(s.anomalies(ENCRYPTED_ENTRY)).hasSize(6)
                    .last().satisfies(a -> assertThat(a.detail()).contains("more"));
        }
    }

    @Nested
    class Malformed {

        @Test
        void randomBytesAreMalformed() {
            assertThat(analyze(CleanArchivesTest.random(5, 5000)).has(MALFORMED)).isTrue();
        }

        @Test
        void centralEntryPointingNowhereIsMalformed() {
            byte[] zip = benign();
            zip = Zips.putU32(zip, Zips.centralHeader(zip, 0) + 42, 7);

            ZipStructure s = analyze(zip);

            assertThat(s.has(MALFORMED)).isTrue();
            assertThat(s.entries()).filteredOn(e -> e.source() == Source.CENTRAL)
                    .extracting(ZipEntryView::localHeaderOffset).containsExactly(-1L);
        }

        @Test
        void zip64RecordDisagreeingWithThe32BitEndRecordIsMalformed() {
            byte[] zip = Zips.commons(org.apache.commons.compress.archivers.zip.Zip64Mode.Always, null,
                    File.deflated("a", "a"), File.deflated("b", "b"));
            int end = Zips.header(zip, ZipRecords.END_RECORD, 0);
            zip = Zips.putU16(Zips.putU16(zip, end + 8, 1), end + 10, 1);

            assertThat(analyze(zip).anomalies(MALFORMED)).anySatisfy(a -> assertThat(a.detail()).contains("ZIP64"));
        }

        @Test
        void entryCountDisagreeingWithTheCentralDirectoryIsMalformed() {
            byte[] zip = Zips.commons(File.deflated("a", "a"), File.deflated("b", "b"));
            int end = Zips.header(zip, ZipRecords.END_RECORD, 0);
            zip = Zips.putU16(Zips.putU16(zip, end + 8, 1), end + 10, 1);

            assertThat(analyze(zip).anomalies(MALFORMED)).anySatisfy(a -> assertThat(a.detail()).contains("declares 1"));
        }
    }
}
