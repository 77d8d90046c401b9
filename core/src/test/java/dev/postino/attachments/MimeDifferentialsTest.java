package dev.postino.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per row of docs/mime-differentials.md: a message that one mail program reads differently from
 * another, carrying {@code fattura.pdf.exe} (in a zip, or bare) where only some of them look. Each must be
 * judged dangerous; where Jakarta Mail is one of the programs that finds the payload, the test also shows that
 * it does, so the row is a real differential and not a hypothesis.
 */
class MimeDifferentialsTest {

    private static final AttachmentInspector INSPECTOR = new AttachmentInspector(InspectionPolicy.DEFAULT);
    private static final DifferentialOracle ORACLE = new DifferentialOracle(INSPECTOR);
    private static final byte[] PROGRAM = Fixtures.peStub();
    private static final byte[] ZIP = Fixtures.zip("fattura.pdf.exe", PROGRAM);
    private static final String ZIP_BASE64 = base64(ZIP);

    private static String base64(byte[] data) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A message with the given top-level Content-Type field(s) and body. */
    private static String message(String contentType, String body) {
        return "From: Aruba <comunicazioni@staff.aruba.it>\r\nTo: anna@acme.example\r\nSubject: Invio copia bollettino\r\n"
            + "MIME-Version: 1.0\r\n" + contentType + "\r\n\r\n" + body;
    }

    /** The zip part, headers and base64 body, without a delimiter. */
    private static String zipPart(String transferEncoding, String body) {
        return "Content-Type: application/zip; name=\"fattura.zip\"\r\nContent-Disposition: attachment; filename=\"fattura.zip\"\r\n"
            + "Content-Transfer-Encoding: " + transferEncoding + "\r\n\r\n" + body;
    }

    /** A text part, then the zip part, between delimiters written with {@code delimiter} for the one before the zip. */
    private static String parts(String boundary, String delimiterBeforeZip, String zipPart) {
        return "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nCiao, in allegato la fattura.\r\n" + delimiterBeforeZip + zipPart
            + "\r\n--" + boundary + "--\r\n";
    }

    private static InspectionReport inspect(String message) {
        return INSPECTOR.inspect(bytes(message));
    }

    private static void assertDangerous(String message, ReasonCode code) {
        InspectionReport report = inspect(message);
        assertThat(report.dangerous()).as("verdict, findings %s", report.findings()).isTrue();
        assertThat(report.findings()).extracting(Finding::code).contains(code);
    }

    private static void assertJakartaExtractsTheProgram(String message) {
        assertThat(ORACLE.dangerousLeaves(bytes(message))).as("what Jakarta Mail extracts").isNotEmpty();
    }

    @Nested
    class Structure {

        @Test
        void multipartWithoutBoundaryJakartaTakesTheFirstDashLine() {
            String message = message("Content-Type: multipart/mixed", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void duplicateBoundaryRealOneFirstThunderbirdSplitsOthersDoNot() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"; boundary=\"decoy\"",
                parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void duplicateBoundaryRealOneLastMime4jAndJakartaSplit() {
            String message = message("Content-Type: multipart/mixed; boundary=\"decoy\"; boundary=\"b1\"",
                parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void rfc2231BoundaryMime4jIgnoresIt() {
            String message = message("Content-Type: multipart/mixed; boundary*=''b1", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void boundaryEndingInASpace() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1 \"", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void commentBeforeTheBoundaryThunderbirdReadsItAsTheValue() {
            String message = message("Content-Type: multipart/mixed; boundary=(decoy)b1", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void backslashInAQuotedBoundaryMime4jKeepsIt() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b\\1\"", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void nonAsciiBoundaryReadersCompareDifferentBytes() {
            String boundary = new String("b\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            String message = message("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"",
                parts(boundary, "\r\n--" + boundary + "\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void twoContentTypeFieldsMime4jTakesTheFirstValidOne() {
            String message = message("Content-Type: multipart/mixed\r\nContent-Type: multipart/mixed; boundary=\"b1\"",
                parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void typeWithASpaceBeforeTheSlashThunderbirdSeesNoMultipart() {
            String message = message("Content-Type: multipart /mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void delimiterWithTextAfterASpaceOnlyMime4jSplits() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                parts("b1", "\r\n--b1 and more\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void closeDelimiterWithTextThunderbirdDoesNotCloseAndReadsOn() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1--x\r\n--b1\r\n" + zipPart("base64", ZIP_BASE64) + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void delimiterEndedByAFormFeedOnlyThunderbirdSplits() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                parts("b1", "\r\n--b1\f\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void delimiterAfterABareCrJakartaAndThunderbirdSplitMime4jDoesNot() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                parts("b1", "\r--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void delimiterEndedByABareCrJakartaAndThunderbirdReadTheHeaderFromThere() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1\rContent-Type: application/zip; name=\"fattura.zip\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + ZIP_BASE64 + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void partHeaderWithoutItsEmptyLineJakartaReadsIntoTheNextPart() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: application/zip; name=\"fattura.zip\"\r\nContent-Transfer-Encoding: base64\r\n"
                    + "--b1\r\nContent-Type: text/plain\r\n\r\n" + ZIP_BASE64 + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void bareCrInAPartHeaderStartsAContentTypeForJakartaAndThunderbird() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1\r\nX-Note: scan\rContent-Type: application/zip; name=\"fattura.zip\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + ZIP_BASE64 + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void foldedContentTypeAsTheFirstHeaderLineOnlyJakartaReadsIt() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1\r\n Content-Type: application/zip; name=\"fattura.zip\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + ZIP_BASE64 + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void bareCrThenAControlCharacterBeforeTheMessagesContentTypeJakartaTrimsItAway() {
            String message = "From: Aruba <comunicazioni@staff.aruba.it>\r\nTo: anna@acme.example\r\nSubject: Invio copia bollettino\r\n"
                + "MIME-Version: 1.0\r\u0002Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1\r\n" + zipPart("base64", ZIP_BASE64) + "\r\n--b1--\r\n";

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void unreadableContentTypeJakartaHandsOutTheBytesToBeOpenedByContent() {
            String attached = "From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\n" + zipPart("base64", ZIP_BASE64) + "\r\n--b2--\r\n";
            String message = message("Content-Type: Aruba <comunicazioni@staff.aruba.it>", attached);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
        }

        @Test
        void multipartTypeJakartaCannotParseIsALeafToIt() {
            String message = message("Content-Type: multipart/mi\u00a4xed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertThat(JakartaMailReading.leaves(bytes(message))).extracting(JakartaMailReading.Leaf::path).containsExactly("1");
        }

        @Test
        void multipartWithParametersJakartaCannotParseOpensNothingThere() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\" x", parts("b1", "\r\n--b1\r\n", zipPart("base64", ZIP_BASE64)));

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertThat(JakartaMailReading.leaves(bytes(message))).isEmpty();
        }

        @Test
        void unreadableTypeInADigestIsAMessageToMime4jAndBytesToJakarta() {
            String attached = "Subject: x\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n"
                + Fixtures.uuencode("fattura.zip", ZIP).replace("\n", "\r\n");
            String message = message("Content-Type: multipart/digest; boundary=\"b1\"",
                "--b1\r\nContent-Type: x\r\n\r\n" + attached + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void typeNoClientRecognisesJakartaHandsOutTheBytesToBeOpenedByContent() {
            String attached = "From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\n" + zipPart("base64", ZIP_BASE64) + "\r\n--b2--\r\n";
            for (String type : List.of("text/plainb_7f3k\"", "text/plain charset=utf-8", "text/pl{ain}")) {
                String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                    "--b1\r\nContent-Type: " + type + "\r\n\r\n" + attached + "\r\n--b1--\r\n");

                assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
                assertJakartaExtractsTheProgram(message);
            }
        }

        @Test
        void bareCrAloneOnALineEndsTheHeaderForJakartaOnly() {
            String message = "From: Aruba <comunicazioni@staff.aruba.it>\r\nTo: anna@acme.example\r\nSubject: Invio copia bollettino\r\n"
                + "Content-Type: application/zip; name=\"fattura.zip\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "\r" + ZIP_BASE64 + "\r\nX-Trailer: after the body, to Mime4j still the header\r\n";

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void controlCharacterBeforeAPartsContentTypeJakartaTrimsItAway() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1\r\nX-Note: scan\r\n\u0001Content-Type: application/zip; "
                    + "name=\"fattura.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + ZIP_BASE64 + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void boundaryInTheMiddleOfALineMime4jMayTakeIt() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: text/plain\r\n\r\nCiao --b1 \r\n" + zipPart("base64", ZIP_BASE64) + "\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void nestedMultipartReusingTheOuterBoundaryThunderbirdAsksTheInnerFirst() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nCiao\r\n--b1\r\n"
                    + zipPart("base64", ZIP_BASE64) + "\r\n--b1--\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        @Test
        void innerBoundaryThatIsTheOuterOnePlusDashesIsACloseToOneAndADelimiterToTheOther() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"",
                "--b1\r\nContent-Type: multipart/mixed; boundary=\"b1--x\"\r\n\r\n--b1--x\r\nContent-Type: text/plain\r\n\r\nCiao\r\n"
                    + "--b1--x\r\n" + zipPart("base64", ZIP_BASE64) + "\r\n--b1--x--\r\n--b1--\r\n");

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }
    }

    @Nested
    class TransferEncoding {

        private String withEncoding(String fields, String body) {
            return message("Content-Type: multipart/mixed; boundary=\"b1\"",
                parts("b1", "\r\n--b1\r\n", "Content-Type: application/zip; name=\"fattura.zip\"\r\n" + fields + "\r\n" + body));
        }

        @Test
        void commentAfterTheEncodingJakartaAndThunderbirdDecode() {
            String message = withEncoding("Content-Transfer-Encoding: base64 (encoded)\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void semicolonAfterTheEncoding() {
            String message = withEncoding("Content-Transfer-Encoding: base64;\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void eightBitBytesAfterTheEncodingOnlyJakartaDecodes() {
            String message = withEncoding("Content-Transfer-Encoding: base64\u00ff\u00ff\u00ff\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void eightBitBytesBeforeTheEncodingOnlyJakartaDecodes() {
            String message = withEncoding("Content-Transfer-Encoding: \u00e9base64\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void commentBeforeTheEncodingOnlyJakartaDecodes() {
            String message = withEncoding("Content-Transfer-Encoding: (encoded) base64\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void parameterAfterTheEncoding() {
            String message = withEncoding("Content-Transfer-Encoding: base64; charset=binary\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void emptyFirstEncodingFieldMime4jTakesTheSecondForTheImapView() {
            String message = withEncoding("Content-Transfer-Encoding:\r\nContent-Transfer-Encoding: base64\r\n", ZIP_BASE64);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
        }

        @Test
        void quotedPrintableWithAComment() {
            String message = withEncoding("Content-Transfer-Encoding: quoted-printable (binary)\r\n", Fixtures.quotedPrintable(ZIP));

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void uuencodeTransferEncodingAndItsAliases() {
            for (String encoding : List.of("x-uuencode", "uuencode", "x-uue", "uue")) {
                String message = withEncoding("Content-Transfer-Encoding: " + encoding + "\r\n", Fixtures.uuencode("x", ZIP).replace("\n", "\r\n"));

                assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            }
        }

        @Test
        void uuencodeBeginLineWithTabsJakartaDecodes() {
            String message = withEncoding("Content-Transfer-Encoding: x-uuencode\r\n",
                Fixtures.uuencode("fattura.zip", ZIP).replace("\n", "\r\n").replace("begin 644 ", "begin\t644\t"));

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void yEncTransferEncodingThunderbirdDecodes() {
            String message = withEncoding("Content-Transfer-Encoding: x-yencode\r\n", Fixtures.yenc("fattura.zip", ZIP));

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
        }

        @Test
        void base64DataAfterPaddingMime4jStopsOthersDecodeOn() {
            String message = withEncoding("Content-Transfer-Encoding: base64\r\n",
                Base64.getEncoder().encodeToString("ciao".getBytes(StandardCharsets.US_ASCII)) + "\r\n" + ZIP_BASE64);

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void byteFfInBase64JakartaReadsAsA() {
            int zeros = ZIP_BASE64.indexOf("AAAA");
            String message = withEncoding("Content-Transfer-Encoding: base64\r\n",
                ZIP_BASE64.substring(0, zeros) + "\u00ff" + ZIP_BASE64.substring(zeros + 1));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void quotedPrintableBinaryWithTrailingSpacesThunderbirdKeepsThem() {
            String message = withEncoding("Content-Transfer-Encoding: quoted-printable\r\n", Fixtures.quotedPrintable(ZIP).replace("=\r\n", "   \r\n"));

            assertDangerous(message, ReasonCode.MIME_AMBIGUOUS);
        }

        /** An attached message with the zip, written plainly, behind a transfer encoding its body does not use. */
        private String attachedMessage(String type, String transferEncoding) {
            String attached = message("Content-Type: multipart/mixed; boundary=\"in\"", parts("in", "\r\n--in\r\n", zipPart("base64", ZIP_BASE64)));
            return message("Content-Type: multipart/mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n",
                "Content-Type: " + type + "\r\nContent-Transfer-Encoding: " + transferEncoding + "\r\n\r\n" + attached));
        }

        @Test
        void attachedMessageDeclaredBase64JakartaReadsItAsItIs() {
            String message = attachedMessage("message/rfc822", "base64");

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void attachedMessageDeclaredUuencodedJakartaAndMime4jReadItAsItIs() {
            for (String type : List.of("message/rfc822", "message/global; charset=utf-8", "message/partial")) {
                String message = attachedMessage(type, "x-uuencode");

                assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
                assertJakartaExtractsTheProgram(message);
            }
        }
    }

    @Nested
    class Content {

        private String attachment(String name, String type, byte[] content) {
            return message("Content-Type: multipart/mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n",
                "Content-Type: " + type + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + base64(content)));
        }

        @Test
        void zipBehindAPdfHeadUnzipOpensIt() {
            String message = attachment("fattura.pdf", "application/pdf", MimeVariants.concat(Fixtures.pdf("fattura"), ZIP));

            assertDangerous(message, ReasonCode.ZIP_HIDDEN_DATA);
            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
        }

        @Test
        void zipBehindALargePictureTooLargeToLookInto() {
            byte[] picture = new byte[2_000_000];
            byte[] jpeg = Fixtures.jpeg();
            System.arraycopy(jpeg, 0, picture, 0, jpeg.length);
            String message = attachment("foto.jpg", "image/jpeg", MimeVariants.concat(picture, ZIP));

            assertDangerous(message, ReasonCode.TYPE_MISMATCH);
        }

        @Test
        void rarSignatureBehindAPictureWinRarFindsIt() {
            byte[] rar = MimeVariants.concat(new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00}, new byte[64]);
            String message = attachment("foto.jpg", "image/jpeg", MimeVariants.concat(Fixtures.jpeg(), rar));

            assertDangerous(message, ReasonCode.UNINSPECTABLE_ARCHIVE);
        }

        @Test
        void nameOfAnArchiveOverContentThatIsNone() {
            String message = attachment("fattura.zip", "application/zip", ZIP_BASE64.getBytes(StandardCharsets.US_ASCII));

            assertDangerous(message, ReasonCode.TYPE_MISMATCH);
        }

        @Test
        void zipThatLooksLikeAnOfficeDocumentHasItsEntriesJudged() {
            byte[] looksLikeWord = Fixtures.zip(java.util.Map.of("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.US_ASCII),
                "word/document.xml", "<w:document/>".getBytes(StandardCharsets.US_ASCII), "word/media/scan.zip", ZIP));
            String message = attachment("fattura.zip", "application/zip", looksLikeWord);

            assertDangerous(message, ReasonCode.DOUBLE_EXTENSION);
        }

        @Test
        void uuencodeInTextWithTabsAnEmptyNameOrBareCrLineEnds() {
            String uu = Fixtures.uuencode("fattura.pdf.exe", PROGRAM);
            for (String text : List.of(uu.replace("begin 644 ", "begin\t644\t"), uu.replace("begin 644 fattura.pdf.exe", "begin 644 "),
                "Ciao\r" + uu.replace("\n", "\r"))) {
                String message = message("Content-Type: text/plain", text);

                assertDangerous(message, ReasonCode.EXECUTABLE_CONTENT);
            }
        }

        @Test
        void yEncAndBase64UuencodeInText() {
            assertDangerous(message("Content-Type: text/plain", "Ciao\r\n" + Fixtures.yenc("fattura.pdf.exe", PROGRAM)), ReasonCode.EXECUTABLE_CONTENT);
            assertDangerous(message("Content-Type: text/plain", "begin-base64 644 fattura.pdf.exe\r\n" + base64(PROGRAM) + "\r\n====\r\n"),
                ReasonCode.EXECUTABLE_CONTENT);
        }
    }

    @Nested
    class Names {

        /** A text part named by the given Content-Disposition parameters. */
        private String textNamed(String contentDisposition) {
            return message("Content-Type: multipart/mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n",
                "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; " + contentDisposition + "\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + base64("solo testo".getBytes(StandardCharsets.US_ASCII))));
        }

        @Test
        void repeatedFilenameMime4jAndJakartaShowTheLastThunderbirdTheFirst() {
            String message = textNamed("filename=\"nota.txt\"; filename=\"nota.exe\"");

            assertDangerous(message, ReasonCode.BLOCKED_EXTENSION);
        }

        @Test
        void plainAndRfc2231FilenamesThatDiffer() {
            String message = textNamed("filename=\"nota.txt\"; filename*=UTF-8''nota.exe");

            assertDangerous(message, ReasonCode.BLOCKED_EXTENSION);
        }

        @Test
        void repeatedContinuationSectionJakartaTakesTheLast() {
            String message = textNamed("filename*0=\"nota.\"; filename*1=\"txt\"; filename*1=\"exe\"");

            assertDangerous(message, ReasonCode.BLOCKED_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void continuationWithAGapJakartaStopsAtIt() {
            String message = textNamed("filename*0=\"nota.exe\"; filename*2=\"x\"");

            assertDangerous(message, ReasonCode.BLOCKED_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void continuationNumberWithALeadingZeroJakartaIgnoresIt() {
            String message = textNamed("filename*0=\"nota.exe\"; filename*01=\"x\"");

            assertDangerous(message, ReasonCode.BLOCKED_EXTENSION);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void encodedSectionAndRawBytesJoinIntoOneCharacterForJakarta() {
            // %E2%80 then the raw byte 0xAE: U+202E (right-to-left override) once Jakarta Mail joins the bytes
            String message = textNamed("filename*0*=utf-8''fattura%E2%80; filename*1=\"\u00aefdp.exe\"");

            assertDangerous(message, ReasonCode.HIDDEN_CHARACTERS);
            assertJakartaExtractsTheProgram(message);
        }

        @Test
        void rawBytesThatAreNotUtf8InAFilenameAreReadAsJakartaMailReadsThem() {
            String message = textNamed("filename=\"fattura\u009f\u00cczip\"");

            assertDangerous(message, ReasonCode.HIDDEN_CHARACTERS);
        }

        @Test
        void rawUtf8InAFilenameIsReadAsUtf8() {
            String name = new String("fattura\u202egpj.exe".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            String message = textNamed("filename=\"" + name + "\"");

            assertDangerous(message, ReasonCode.HIDDEN_CHARACTERS);
        }

        @Test
        void secondContentDispositionField() {
            String message = message("Content-Type: multipart/mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n",
                "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"nota.txt\"\r\n"
                    + "Content-Disposition: attachment; filename=\"nota.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + base64("solo testo".getBytes(StandardCharsets.US_ASCII))));

            assertDangerous(message, ReasonCode.BLOCKED_EXTENSION);
        }
    }

    @Test
    void theSameMessagesWrittenPlainlyAreClean() {
        String clean = message("Content-Type: multipart/mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n",
            "Content-Type: application/pdf; name=\"fattura.pdf\"\r\nContent-Disposition: attachment; filename=\"fattura.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64(Fixtures.pdf("fattura"))));

        assertThat(inspect(clean).dangerous()).isFalse();
        assertThat(inspect(clean).findings()).isEmpty();
    }

    @Test
    void aCleanMessageForwardedEncodedStaysClean() {
        String attached = message("Content-Type: multipart/mixed; boundary=\"in\"", parts("in", "\r\n--in\r\n",
            "Content-Type: application/pdf; name=\"fattura.pdf\"\r\nContent-Disposition: attachment; filename=\"fattura.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64(Fixtures.pdf("fattura"))));
        for (String encoding : List.of("base64", "quoted-printable")) {
            String body = encoding.equals("base64") ? base64(bytes(attached)) : Fixtures.quotedPrintable(bytes(attached));
            String forwarded = message("Content-Type: multipart/mixed; boundary=\"b1\"", parts("b1", "\r\n--b1\r\n",
                "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"fattura.eml\"\r\n"
                    + "Content-Transfer-Encoding: " + encoding + "\r\n\r\n" + body));

            assertThat(inspect(forwarded).findings()).as(encoding).isEmpty();
        }
    }
}
