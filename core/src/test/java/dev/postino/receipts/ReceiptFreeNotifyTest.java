package dev.postino.receipts;

import static dev.postino.receipts.NotifyKeyword.DELAY;
import static dev.postino.receipts.NotifyKeyword.FAILURE;
import static dev.postino.receipts.NotifyKeyword.NEVER;
import static dev.postino.receipts.NotifyKeyword.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReceiptFreeNotifyTest {

    @Test
    void successIsRemovedAndFailureKept() {
        ReceiptFreeNotify.Rewrite rewrite = ReceiptFreeNotify.rewrite(EnumSet.of(SUCCESS, FAILURE));

        assertThat(rewrite.kept()).contains(Set.of(FAILURE));
        assertThat(rewrite.removed()).containsExactly(SUCCESS);
    }

    @Test
    void successAndDelayAreRemovedFailureKept() {
        ReceiptFreeNotify.Rewrite rewrite = ReceiptFreeNotify.rewrite(EnumSet.of(SUCCESS, FAILURE, DELAY));

        assertThat(rewrite.kept()).contains(Set.of(FAILURE));
        assertThat(rewrite.removed()).containsExactlyInAnyOrder(SUCCESS, DELAY);
    }

    @Test
    void successAloneLeavesNoNotifySoTheRfc3461DefaultApplies() {
        ReceiptFreeNotify.Rewrite rewrite = ReceiptFreeNotify.rewrite(EnumSet.of(SUCCESS));

        assertThat(rewrite.kept()).isEmpty();
        assertThat(rewrite.removed()).containsExactly(SUCCESS);
    }

    @Test
    void failureAloneIsUnchanged() {
        ReceiptFreeNotify.Rewrite rewrite = ReceiptFreeNotify.rewrite(EnumSet.of(FAILURE));

        assertThat(rewrite.changed()).isFalse();
        assertThat(rewrite.kept()).contains(Set.of(FAILURE));
    }

    @Test
    void neverIsUnchanged() {
        ReceiptFreeNotify.Rewrite rewrite = ReceiptFreeNotify.rewrite(EnumSet.of(NEVER));

        assertThat(rewrite.changed()).isFalse();
        assertThat(rewrite.kept()).contains(Set.of(NEVER));
    }

    @Test
    void failureIsNeverRemovedWhateverWasAsked() {
        for (Set<NotifyKeyword> asked : Set.of(EnumSet.of(FAILURE), EnumSet.of(FAILURE, SUCCESS),
            EnumSet.of(FAILURE, DELAY), EnumSet.of(FAILURE, SUCCESS, DELAY))) {
            assertThat(ReceiptFreeNotify.rewrite(asked).kept()).hasValueSatisfying(kept -> assertThat(kept).contains(FAILURE));
        }
    }

    @Test
    void successOrDelayCountAsReceiptRequests() {
        assertThat(ReceiptFreeNotify.requestsReceipt(EnumSet.of(SUCCESS))).isTrue();
        assertThat(ReceiptFreeNotify.requestsReceipt(EnumSet.of(DELAY, FAILURE))).isTrue();
        assertThat(ReceiptFreeNotify.requestsReceipt(EnumSet.of(FAILURE))).isFalse();
        assertThat(ReceiptFreeNotify.requestsReceipt(EnumSet.of(NEVER))).isFalse();
    }
}
