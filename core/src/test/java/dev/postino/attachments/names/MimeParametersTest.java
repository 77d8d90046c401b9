package dev.postino.attachments.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeParametersTest {

    @Test
    void quotedFilenameIsRead() {
        assertThat(MimeParameters.parameter("attachment; filename=\"fattura.pdf\"", "filename")).contains("fattura.pdf");
    }

    @Test
    void rfc2231ExtendedValueIsPercentDecodedInItsCharset() {
        assertThat(MimeParameters.parameter("attachment; filename*=UTF-8''bollettino%E2%80%AEfdp.exe", "filename"))
            .contains("bollettino\u202Efdp.exe");
        assertThat(MimeParameters.parameter("attachment; filename*=iso-8859-1'it'perch%E9.pdf", "filename")).contains("perch\u00e9.pdf");
    }

    @Test
    void rfc2231ContinuationsAreJoinedInOrder() {
        assertThat(MimeParameters.parameter("attachment; filename*1=\"pdf.\"; filename*0=\"bollettino.\"; filename*2=\"exe\"", "filename"))
            .contains("bollettino.pdf.exe");
    }

    @Test
    void encodedContinuationsShareTheFirstSectionsCharset() {
        assertThat(MimeParameters.parameter("attachment; filename*0*=utf-8''caff%C3%A8; filename*1*=%2Eexe", "filename"))
            .contains("caff\u00e8.exe");
    }

    @Test
    void rfc2047EncodedWordInsideTheValueIsDecoded() {
        assertThat(MimeParameters.parameter("application/pdf; name=\"=?UTF-8?B?Ym9sbGV0dGluby5wZGYuZXhl?=\"", "name"))
            .contains("bollettino.pdf.exe");
    }

    @Test
    void wholeFieldBodyAsOneEncodedWordIsDecodedToo() {
        assertThat(MimeParameters.parameter("=?UTF-8?Q?attachment=3B_filename=3D=22x.exe=22?=", "filename")).contains("x.exe");
    }

    @Test
    void absentParameterIsEmptyAndGarbageNeverThrows() {
        assertThat(MimeParameters.parameter("attachment", "filename")).isEmpty();
        assertThat(MimeParameters.parameter(null, "filename")).isEmpty();
        assertThat(MimeParameters.parameter(";;;=\"\\", "filename")).isEmpty();
    }

    @Test
    void bothNameSourcesAreReturnedDispositionFirst() {
        assertThat(MimeParameters.names("attachment; filename=\"a.exe\"", "application/pdf; name=\"a.pdf\"")).containsExactly("a.exe", "a.pdf");
    }
}
