package dev.postino.attachments.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postino.attachments.Corpus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The structure reader: sections, byte ranges, what it reports as read differently, and its bounds. */
class MimeReaderTest {

    /** What the reader reported: leaf sections with their bodies, every disagreement, every entity's end. */
    private record Reading(Map<String, String> leaves, List<String> disagreements, Map<String, long[]> ranges) {
    }

    private static Reading read(String message) throws IOException {
        return read(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Reading read(byte[] message) throws IOException {
        Map<String, String> leaves = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        Map<String, long[]> ranges = new LinkedHashMap<>();
        MimeReader.read(new ByteArrayInputStream(message), new MimeReader.Handler() {
            @Override
            public void leaf(MimeReader.Entity entity, InputStream rawBody) throws IOException {
                leaves.put(entity.section(), new String(rawBody.readAllBytes(), StandardCharsets.ISO_8859_1));
            }

            @Override
            public void disagreement(String section, String description) {
                disagreements.add(description);
            }

            @Override
            public void end(MimeReader.Entity entity, boolean multipart, long end) {
                ranges.put(entity.section(), new long[] {entity.start(), end});
            }
        });
        return new Reading(leaves, disagreements, ranges);
    }

    private static String multipart(String contentType, String body) {
        return "From: a@example.com\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n" + body;
    }

    @Test
    void partsGetImapSectionsAndBodiesEndBeforeTheLineBreakOfTheNextDelimiter() throws IOException {
        String message = multipart("multipart/mixed; boundary=\"OUT\"",
            "preamble\r\n--OUT\r\nContent-Type: text/plain\r\n\r\nhello\r\n--OUT\r\nContent-Type: multipart/alternative; boundary=IN\r\n\r\n"
                + "--IN\r\n\r\nplain\r\n--IN\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--IN--\r\n--OUT--\r\nepilogue\r\n");

        Reading reading = read(message);

        assertThat(reading.leaves()).containsExactly(Map.entry("1", "hello"), Map.entry("2.1", "plain"), Map.entry("2.2", "<p>html</p>"));
        assertThat(reading.disagreements()).isEmpty();
        long[] part1 = reading.ranges().get("1");
        assertThat(message.substring((int) part1[0], (int) part1[1])).isEqualTo("Content-Type: text/plain\r\n\r\nhello");
        long[] part2 = reading.ranges().get("2");
        assertThat(message.substring((int) part2[0], (int) part2[1])).startsWith("Content-Type: multipart/alternative")
            .endsWith("--IN--");
    }

    @Test
    void aSinglePartMessageIsOneLeafWithTheWholeBody() throws IOException {
        Reading reading = read("Subject: s\r\n\r\nline 1\r\n--not a delimiter\r\nline 3\r\n");

        assertThat(reading.leaves()).containsExactly(Map.entry("", "line 1\r\n--not a delimiter\r\nline 3\r\n"));
    }

    @Test
    void partsOfADigestAreMessagesByDefault() throws IOException {
        List<String> types = new ArrayList<>();
        MimeReader.read(new ByteArrayInputStream(multipart("multipart/digest; boundary=d", "--d\r\n\r\nSubject: x\r\n\r\nbody\r\n--d--\r\n")
            .getBytes(StandardCharsets.US_ASCII)), (entity, body) -> types.add(entity.mediaType()));

        assertThat(types).containsExactly("message/rfc822");
    }

    @Test
    void everyMessageOfTheCorpusReadsTheSameToEveryReader() throws IOException {
        for (Corpus.Case corpusCase : Corpus.all()) {
            assertThat(read(corpusCase.message()).disagreements()).as(corpusCase.id()).isEmpty();
        }
    }

    @Test
    void lineEndsMayBeBareLineFeeds() throws IOException {
        Reading reading = read("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b--\n");

        assertThat(reading.leaves()).containsExactly(Map.entry("1", "hi"));
        assertThat(reading.disagreements()).isEmpty();
    }

    @Test
    void transportPaddingAfterADelimiterIsNoDisagreement() throws IOException {
        Reading reading = read(multipart("multipart/mixed; boundary=b", "--b  \t\r\n\r\nhi\r\n--b-- \r\n"));

        assertThat(reading.leaves()).containsExactly(Map.entry("1", "hi"));
        assertThat(reading.disagreements()).isEmpty();
    }

    @Test
    void aMissingCloseDelimiterEndsTheLastPartAtTheEndOfTheMessage() throws IOException {
        Reading reading = read(multipart("multipart/mixed; boundary=b", "--b\r\n\r\nfirst\r\n--b\r\n\r\nsecond\r\n"));

        assertThat(reading.leaves()).containsExactly(Map.entry("1", "first"), Map.entry("2", "second\r\n"));
        assertThat(reading.disagreements()).isEmpty();
    }

    @Test
    void aBoundaryInTheMiddleOfALineIsReportedBecauseMime4jMayTakeIt() throws IOException {
        Reading reading = read(multipart("multipart/mixed; boundary=b", "--b\r\n\r\ntext --b \r\n--b--\r\n"));

        assertThat(reading.disagreements()).singleElement().asString().contains("middle of a line");
    }

    @Test
    void nestingBeyondTheLimitStopsTheReadingWithALimitException() {
        StringBuilder message = new StringBuilder("Content-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (int i = 1; i <= 16_000; i++) {
            message.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
        }

        assertThatThrownBy(() -> read(message.toString())).isInstanceOf(MimeReader.LimitException.class)
            .hasMessageContaining("nested more than " + MimeReader.MAX_DEPTH);
    }

    @Test
    void aHeaderBlockBeyondTheLimitStopsTheReading() {
        String huge = "Content-Type: multipart/mixed; boundary=b" + "; p=v".repeat(160_000) + "\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n";

        assertThatThrownBy(() -> read(huge)).isInstanceOf(MimeReader.LimitException.class).hasMessageContaining("header block");
    }

    @Test
    void morePartsThanTheLimitStopTheReading() {
        String parts = "--b\r\n\r\n\r\n".repeat(MimeReader.MAX_PARTS + 1);

        assertThatThrownBy(() -> read(multipart("multipart/mixed; boundary=b", parts))).isInstanceOf(MimeReader.LimitException.class)
            .hasMessageContaining("parts");
    }

    @Property(tries = 200)
    void oneByteReadsGiveTheSameBodiesAsBlockReads(@ForAll @IntRange(min = 1, max = 7) int chunk,
                                                    @ForAll("bodies") String body) throws IOException {
        String message = multipart("multipart/mixed; boundary=b", "--b\r\n\r\n" + body + "\r\n--b\r\n\r\nnext\r\n--b--\r\n");
        Map<String, String> small = new LinkedHashMap<>();
        MimeReader.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)), (entity, in) -> {
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[chunk];
            int n;
            while ((n = in.read(buffer, 0, chunk)) > 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            small.put(entity.section(), text.toString());
        });

        assertThat(small).isEqualTo(read(message).leaves());
        assertThat(small.get("1")).isEqualTo(body);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> bodies() {
        return net.jqwik.api.Arbitraries.strings().withChars("ab-\r\n =").ofMaxLength(200)
            .filter(body -> !body.contains("\n--b") && !body.contains("\r--b") && !body.startsWith("--b") && !body.contains("--b"));
    }
}
