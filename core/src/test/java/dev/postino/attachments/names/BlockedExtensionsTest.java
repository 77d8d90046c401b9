package dev.postino.attachments.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockedExtensionsTest {

    @Test
    void defaultListIsTheUnionOfGmailAndExchangeOnline() {
        assertThat(BlockedExtensions.DEFAULTS).containsAll(BlockedExtensions.GMAIL).containsAll(BlockedExtensions.EXCHANGE_ONLINE)
            .contains("exe", "js", "iso", "lnk", "docm", "xz");
    }
}
