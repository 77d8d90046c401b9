package dev.postino.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReceiptRequestHeadersTest {

    @Test
    void defaultRequestHeadersCoverMdnSendmailAndPegasus() {
        assertThat(ReceiptRequestHeaders.REQUEST_HEADERS).containsExactly(
            "Disposition-Notification-To", "Return-Receipt-To", "X-Confirm-Reading-To", "Delivery-Receipt-To");
    }

    @Test
    void defaultStrippedListAlsoRemovesDispositionNotificationOptions() {
        assertThat(ReceiptRequestHeaders.DEFAULT_STRIPPED)
            .containsAll(ReceiptRequestHeaders.REQUEST_HEADERS)
            .contains("Disposition-Notification-Options");
    }

    @Test
    void listIsSplitOnCommasAndBlanksWithoutCaseDuplicates() {
        assertThat(ReceiptRequestHeaders.parseList(" Return-Receipt-To, X-Foo  return-receipt-to\n"))
            .containsExactly("Return-Receipt-To", "X-Foo");
    }

    @Test
    void nameWithColonIsRejectedAndNamed() {
        assertThatThrownBy(() -> ReceiptRequestHeaders.parseList("Return-Receipt-To:, X-Ok"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Return-Receipt-To:");
    }

    @Test
    void emptyListIsRejected() {
        assertThatThrownBy(() -> ReceiptRequestHeaders.parseList(" , "))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
