package dev.postino.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.apache.mailet.DsnParameters.Notify;
import org.junit.jupiter.api.Test;

import dev.postino.receipts.NotifyKeyword;

class DsnNotifyTest {

    @Test
    void everyJamesValueHasTheCoreKeywordOfTheSameName() {
        for (Notify value : Notify.values()) {
            assertThat(DsnNotify.keywords(EnumSet.of(value))).containsExactly(NotifyKeyword.valueOf(value.name()));
        }
    }

    @Test
    void aSetTravelsToCoreAndBackUnchanged() {
        EnumSet<Notify> notify = EnumSet.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY);

        assertThat(DsnNotify.keywords(notify))
            .containsExactlyInAnyOrder(NotifyKeyword.SUCCESS, NotifyKeyword.FAILURE, NotifyKeyword.DELAY);
        assertThat(DsnNotify.notify(DsnNotify.keywords(notify))).isEqualTo(notify);
        assertThat(DsnNotify.notify(EnumSet.noneOf(NotifyKeyword.class))).isEmpty();
    }
}
