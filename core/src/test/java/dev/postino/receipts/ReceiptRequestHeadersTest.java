package dev.postino.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.postino.HostileText;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

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

    /** A bad list fails the server start with a message; nothing else may escape. */
    @Property(tries = 1000)
    void anyTextGivesFieldNamesOrAnIllegalArgumentException(@ForAll(supplier = HostileText.HeaderValue.class) String text) {
        try {
            assertThat(ReceiptRequestHeaders.parseList(text)).isNotEmpty()
                .allSatisfy(name -> assertThat(name).matches("[!-9;-~]+"));
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    @Test
    void emptyListIsRejected() {
        assertThatThrownBy(() -> ReceiptRequestHeaders.parseList(" , "))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
