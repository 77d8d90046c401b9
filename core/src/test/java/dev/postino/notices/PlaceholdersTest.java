package dev.postino.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void placeholdersInsideValuesAreNotExpandedAgain() {
        assertThat(Placeholders.render("{file} {id}", Map.of("file", "{id}", "id", "Q")))
            .isEqualTo("{id} Q");
        assertThat(Placeholders.render("{unknown} {", Map.of())).isEqualTo("{unknown} {");
    }

    @Test
    void aKnownPlaceholderPassesTheCheckUnchanged() {
        assertThat(Placeholders.check("noticeTemplate", "Held {id} on {date}", Set.of("id", "date")))
            .isEqualTo("Held {id} on {date}");
    }

    @Test
    void aMisspeltPlaceholderIsRejectedNamingWhereAndWhatIsKnown() {
        assertThatThrownBy(() -> Placeholders.check("noticeTemplate", "Held {attachmens}", Set.of("id", "attachments")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("noticeTemplate: unknown placeholder {attachmens} (known: attachments, id)");
    }

    @Test
    void bracesThatAreNoPlaceholderAreLeftAlone() {
        assertThat(Placeholders.check("noticeTemplate", "{ } {1} {a-b}", Set.of())).isEqualTo("{ } {1} {a-b}");
    }
}
