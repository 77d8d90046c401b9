package dev.postino.attachments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates messages the way an attacker hunting parser differentials would write them: a multipart carrying
 * a zip that holds {@code fattura.pdf.exe} (or the bare program) between harmless parts, with the boundary
 * parameter, the delimiter lines, the part headers, the transfer encoding and the body each written in one of
 * the forms mail programs read differently. Used by the differential and strip-mode properties and by the
 * fuzz targets' seed corpus.
 */
public final class MimeVariants {

    private MimeVariants() {
    }

    /** How the multipart's Content-Type names its boundary. */
    public enum BoundaryParameter {
        QUOTED, TOKEN, UPPER_CASE_NAME, DUPLICATE_FIRST_REAL, DUPLICATE_LAST_REAL, RFC2231, RFC2231_AND_PLAIN, TRAILING_SPACE,
        COMMENT_BEFORE, MISSING, ESCAPED_QUOTE, SECOND_CONTENT_TYPE, FOLDED
    }

    /** How one delimiter line is written. */
    public enum Delimiter {
        CANONICAL, TRAILING_SPACES, TRAILING_TAB, TRAILING_TEXT, CLOSE_WITH_TEXT, BARE_CR_BEFORE, BARE_CR_AFTER, LF_ONLY,
        TRAILING_FORM_FEED, SPACE_THEN_TEXT
    }

    /** How the carrying part's transfer encoding is written (and the body encoded to match). */
    public enum Encoding {
        BASE64, UPPER_CASE, COMMENT_AFTER, COMMENT_BEFORE, SEMICOLON, QUOTED, PARAMETER, X_UUENCODE, UUENCODE_TAB_BEGIN,
        UUENCODE_NO_NAME, QUOTED_PRINTABLE, QUOTED_PRINTABLE_COMMENT, EMPTY_THEN_BASE64, SEVEN_BIT_THEN_BASE64, YENC,
        BASE64_AFTER_PADDING, BASE64_NOISE, FOLDED
    }

    /** What the carrying part's header looks like around the encoding. */
    public enum PartHeader {
        PLAIN, NAME_ONLY, FILENAME_ONLY, NO_NAME, DUPLICATE_FILENAME, RFC2231_NAME, BARE_CR_BEFORE_TYPE, LEADING_SPACE,
        NO_EMPTY_LINE, TWO_CONTENT_TYPES
    }

    /** What the carried bytes are. */
    public enum Payload {
        ZIP_WITH_EXE, BARE_EXE, PDF_THEN_ZIP, OFFICE_LOOKING_ZIP_WITH_ZIP
    }

    public record Variant(BoundaryParameter boundaryParameter, Delimiter delimiter, Encoding encoding, PartHeader partHeader,
                          Payload payload, boolean nested) {
    }

    public static Arbitrary<Variant> variants() {
        return Combinators.combine(Arbitraries.of(BoundaryParameter.class), Arbitraries.of(Delimiter.class),
            Arbitraries.of(Encoding.class), Arbitraries.of(PartHeader.class), Arbitraries.of(Payload.class),
            Arbitraries.of(true, false)).as(Variant::new);
    }

    public static Arbitrary<byte[]> messages() {
        return variants().map(MimeVariants::message);
    }

    public static byte[] payload(Payload payload) {
        byte[] program = Fixtures.peStub();
        byte[] zip = Fixtures.zip("fattura.pdf.exe", program);
        return switch (payload) {
            case ZIP_WITH_EXE -> zip;
            case BARE_EXE -> program;
            case PDF_THEN_ZIP -> concat(Fixtures.pdf("fattura"), zip);
            case OFFICE_LOOKING_ZIP_WITH_ZIP -> Fixtures.zip(java.util.Map.of(
                "[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.US_ASCII),
                "word/document.xml", "<w:document/>".getBytes(StandardCharsets.US_ASCII),
                "word/media/scan.zip", Fixtures.zip("scan.exe", program)));
        };
    }

    /** The message a variant describes. */
    public static byte[] message(Variant variant) {
        String boundary = "=_b" + (variant.nested() ? "outer" : "") + "_7f3k";
        String inner = "=_b_inner_9q2";
        String attachment = attachmentPart(variant);
        String parts;
        if (variant.nested()) {
            String innerBody = delimiter(inner, Delimiter.CANONICAL, false) + "Content-Type: text/plain\r\n\r\nvedi allegato\r\n"
                + delimiter(inner, variant.delimiter(), false) + attachment + delimiter(inner, Delimiter.CANONICAL, true);
            parts = delimiter(boundary, Delimiter.CANONICAL, false) + "Content-Type: text/plain; charset=utf-8\r\n\r\nCiao,\r\n"
                + delimiter(boundary, Delimiter.CANONICAL, false) + "Content-Type: multipart/mixed; boundary=\"" + inner + "\"\r\n\r\n"
                + innerBody + delimiter(boundary, Delimiter.CANONICAL, true);
        } else {
            parts = delimiter(boundary, Delimiter.CANONICAL, false) + "Content-Type: text/plain; charset=utf-8\r\n\r\nCiao,\r\n"
                + delimiter(boundary, variant.delimiter(), false) + attachment + delimiter(boundary, Delimiter.CANONICAL, true);
        }
        String header = "From: Aruba <comunicazioni@staff.aruba.it>\r\nTo: anna@acme.example\r\nSubject: Invio copia bollettino\r\n"
            + "MIME-Version: 1.0\r\n" + contentType(boundary, variant.boundaryParameter()) + "\r\n";
        return (header + "This is a multi-part message in MIME format.\r\n" + parts).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String contentType(String boundary, BoundaryParameter style) {
        return switch (style) {
            case QUOTED -> "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
            case TOKEN -> "Content-Type: multipart/mixed; boundary=" + boundary + "\r\n";
            case UPPER_CASE_NAME -> "Content-Type: MULTIPART/Mixed; BOUNDARY=\"" + boundary + "\"\r\n";
            case DUPLICATE_FIRST_REAL -> "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"; boundary=\"decoy\"\r\n";
            case DUPLICATE_LAST_REAL -> "Content-Type: multipart/mixed; boundary=\"decoy\"; boundary=\"" + boundary + "\"\r\n";
            case RFC2231 -> "Content-Type: multipart/mixed; boundary*=''" + boundary.replace("=", "%3D") + "\r\n";
            case RFC2231_AND_PLAIN -> "Content-Type: multipart/mixed; boundary=\"decoy\"; boundary*=''" + boundary.replace("=", "%3D") + "\r\n";
            case TRAILING_SPACE -> "Content-Type: multipart/mixed; boundary=\"" + boundary + " \"\r\n";
            case COMMENT_BEFORE -> "Content-Type: multipart/mixed; boundary=(decoy)\"" + boundary + "\"\r\n";
            case MISSING -> "Content-Type: multipart/mixed\r\n";
            case ESCAPED_QUOTE -> "Content-Type: multipart/mixed; boundary=\"" + boundary.replace("7", "\\7") + "\"\r\n";
            case SECOND_CONTENT_TYPE -> "Content-Type: multipart/mixed\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
            case FOLDED -> "Content-Type: multipart/mixed;\r\n\tboundary=\"" + boundary + "\"\r\n";
        };
    }

    private static String delimiter(String boundary, Delimiter style, boolean close) {
        String line = "--" + boundary + (close ? "--" : "");
        return switch (style) {
            case CANONICAL -> "\r\n" + line + "\r\n";
            case TRAILING_SPACES -> "\r\n" + line + "   \r\n";
            case TRAILING_TAB -> "\r\n" + line + "\t\r\n";
            case TRAILING_TEXT -> "\r\n" + line + "x\r\n";
            case CLOSE_WITH_TEXT -> "\r\n" + line + "--junk\r\n";
            case BARE_CR_BEFORE -> "\r" + line + "\r\n";
            case BARE_CR_AFTER -> "\r\n" + line + "\r";
            case LF_ONLY -> "\n" + line + "\n";
            case TRAILING_FORM_FEED -> "\r\n" + line + "\f\r\n";
            case SPACE_THEN_TEXT -> "\r\n" + line + " ignored\r\n";
        };
    }

    private static String attachmentPart(Variant variant) {
        byte[] payload = payload(variant.payload());
        String name = variant.payload() == Payload.PDF_THEN_ZIP ? "fattura.pdf" : variant.payload() == Payload.BARE_EXE
            ? "fattura.pdf" : "fattura.zip";
        String type = name.endsWith(".pdf") ? "application/pdf" : "application/zip";
        StringBuilder header = new StringBuilder();
        switch (variant.partHeader()) {
            case NAME_ONLY -> header.append("Content-Type: ").append(type).append("; name=\"").append(name).append("\"\r\n");
            case FILENAME_ONLY -> header.append("Content-Type: ").append(type).append("\r\nContent-Disposition: attachment; filename=\"")
                .append(name).append("\"\r\n");
            case NO_NAME -> header.append("Content-Type: application/octet-stream\r\n");
            case DUPLICATE_FILENAME -> header.append("Content-Type: ").append(type).append("\r\nContent-Disposition: attachment; filename=\"")
                .append("nota.txt\"; filename=\"").append(name).append("\"\r\n");
            case RFC2231_NAME -> header.append("Content-Type: ").append(type).append("; name*=UTF-8''").append(name)
                .append("\r\nContent-Disposition: attachment; filename*0=\"fattura.\"; filename*1=\"").append(name.substring(8)).append("\"\r\n");
            case BARE_CR_BEFORE_TYPE -> header.append("X-Note: scan\rContent-Type: ").append(type).append("; name=\"").append(name)
                .append("\"\r\n");
            case LEADING_SPACE -> header.append(" Content-Type: ").append(type).append("; name=\"").append(name).append("\"\r\n");
            case TWO_CONTENT_TYPES -> header.append("Content-Type: text/plain\r\nContent-Type: ").append(type).append("; name=\"")
                .append(name).append("\"\r\n");
            case PLAIN, NO_EMPTY_LINE -> header.append("Content-Type: ").append(type).append("; name=\"").append(name)
                .append("\"\r\nContent-Disposition: attachment; filename=\"").append(name).append("\"\r\n");
        }
        String[] encoded = encode(payload, variant.encoding(), name);
        header.append(encoded[0]);
        String separator = variant.partHeader() == PartHeader.NO_EMPTY_LINE ? "" : "\r\n";
        return header + separator + encoded[1];
    }

    /** The transfer-encoding header lines and the body, matching. */
    private static String[] encode(byte[] data, Encoding encoding, String name) {
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data);
        return switch (encoding) {
            case BASE64 -> new String[] {"Content-Transfer-Encoding: base64\r\n", base64};
            case UPPER_CASE -> new String[] {"Content-Transfer-Encoding: BASE64 \r\n", base64};
            case COMMENT_AFTER -> new String[] {"Content-Transfer-Encoding: base64 (encoded)\r\n", base64};
            case COMMENT_BEFORE -> new String[] {"Content-Transfer-Encoding: (encoded) base64\r\n", base64};
            case SEMICOLON -> new String[] {"Content-Transfer-Encoding: base64;\r\n", base64};
            case QUOTED -> new String[] {"Content-Transfer-Encoding: \"base64\"\r\n", base64};
            case PARAMETER -> new String[] {"Content-Transfer-Encoding: base64; charset=binary\r\n", base64};
            case FOLDED -> new String[] {"Content-Transfer-Encoding:\r\n base64\r\n", base64};
            case X_UUENCODE -> new String[] {"Content-Transfer-Encoding: x-uuencode\r\n", Fixtures.uuencode(name, data).replace("\n", "\r\n")};
            case UUENCODE_TAB_BEGIN -> new String[] {"Content-Transfer-Encoding: x-uue\r\n",
                Fixtures.uuencode(name, data).replace("\n", "\r\n").replace("begin 644 ", "begin\t644\t")};
            case UUENCODE_NO_NAME -> new String[] {"Content-Transfer-Encoding: uuencode\r\n",
                Fixtures.uuencode(name, data).replace("\n", "\r\n").replace("begin 644 " + name, "begin 644 ")};
            case QUOTED_PRINTABLE -> new String[] {"Content-Transfer-Encoding: quoted-printable\r\n", Fixtures.quotedPrintable(data)};
            case QUOTED_PRINTABLE_COMMENT -> new String[] {"Content-Transfer-Encoding: quoted-printable (binary)\r\n", Fixtures.quotedPrintable(data)};
            case EMPTY_THEN_BASE64 -> new String[] {"Content-Transfer-Encoding:\r\nContent-Transfer-Encoding: base64\r\n", base64};
            case SEVEN_BIT_THEN_BASE64 -> new String[] {"Content-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n", base64};
            case YENC -> new String[] {"Content-Transfer-Encoding: x-yencode\r\n", Fixtures.yenc(name, data)};
            case BASE64_AFTER_PADDING -> new String[] {"Content-Transfer-Encoding: base64\r\n",
                Base64.getMimeEncoder().encodeToString("ciao".getBytes(StandardCharsets.US_ASCII)) + "\r\n" + base64};
            case BASE64_NOISE -> new String[] {"Content-Transfer-Encoding: base64\r\n", base64.replace("\r\n", "\r\n*!~\r\n")};
        };
    }



    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Every variant once per enum value of each dimension (with the others at their plainest), for a seed corpus. */
    public static List<Variant> oneOfEach() {
        List<Variant> all = new ArrayList<>();
        Variant plain = new Variant(BoundaryParameter.QUOTED, Delimiter.CANONICAL, Encoding.BASE64, PartHeader.PLAIN,
            Payload.ZIP_WITH_EXE, false);
        for (BoundaryParameter value : BoundaryParameter.values()) {
            all.add(new Variant(value, plain.delimiter(), plain.encoding(), plain.partHeader(), plain.payload(), false));
        }
        for (Delimiter value : Delimiter.values()) {
            all.add(new Variant(plain.boundaryParameter(), value, plain.encoding(), plain.partHeader(), plain.payload(), false));
            all.add(new Variant(plain.boundaryParameter(), value, plain.encoding(), plain.partHeader(), plain.payload(), true));
        }
        for (Encoding value : Encoding.values()) {
            all.add(new Variant(plain.boundaryParameter(), plain.delimiter(), value, plain.partHeader(), plain.payload(), false));
        }
        for (PartHeader value : PartHeader.values()) {
            all.add(new Variant(plain.boundaryParameter(), plain.delimiter(), plain.encoding(), value, plain.payload(), false));
        }
        for (Payload value : Payload.values()) {
            all.add(new Variant(plain.boundaryParameter(), plain.delimiter(), plain.encoding(), plain.partHeader(), value, false));
        }
        return all;
    }

    /** Dangerous variants and corpus messages with a few bytes inserted, removed or changed where MIME syntax lives. */
    public static Arbitrary<byte[]> damaged() {
        Arbitrary<byte[]> base = Arbitraries.oneOf(MimeVariants.messages(),
            Arbitraries.of(Corpus.all().stream().filter(Corpus.Case::dangerous).map(Corpus.Case::message)
                .filter(m -> m.length < 50_000).toList()));
        Arbitrary<String> inserted = Arbitraries.of(List.of("\r", "\n", "\r\n", " ", "\t", ";", "\"", "(", ")", "=", "--", "\\", "\f",
            "\u0000", "boundary=", "base64", "begin 644 ", "Content-Type: "));
        return Combinators.combine(base, Arbitraries.integers().between(0, Integer.MAX_VALUE), inserted, Arbitraries.integers().between(0, 2))
            .as((message, position, text, action) -> damage(message, position % Math.max(1, message.length), text, action));
    }

    private static byte[] damage(byte[] message, int at, String text, int action) {
        byte[] insert = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (action) {
            case 0 -> splice(message, at, 0, insert);
            case 1 -> splice(message, at, Math.min(insert.length, message.length - at), new byte[0]);
            default -> splice(message, at, Math.min(insert.length, message.length - at), insert);
        };
    }

    private static byte[] splice(byte[] message, int at, int remove, byte[] insert) {
        byte[] out = new byte[message.length - remove + insert.length];
        System.arraycopy(message, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(message, at + remove, out, at + insert.length, message.length - at - remove);
        return out;
    }
}
