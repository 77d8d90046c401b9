package dev.postino.attachments.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void sanitisedNamesCarryNoLineBreaksOrBidiControls() {
        assertThat(FileNames.sanitise("a\r\nBcc: x\u202E.exe")).isEqualTo("a__Bcc: x_.exe");
    }
}
