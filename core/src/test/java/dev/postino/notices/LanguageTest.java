package dev.postino.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void listKeepsTheGivenOrderWithoutDuplicates() {
        assertThat(Language.parseList(" it , EN,it")).containsExactly(Language.IT, Language.EN);
    }

    @Test
    void theListIsSeparatedAsEveryOtherParameterList() {
        assertThat(Language.parseList("en; it")).containsExactly(Language.EN, Language.IT);
        assertThat(Language.parseList("en it")).containsExactly(Language.EN, Language.IT);
    }

    @Test
    void unknownLanguageIsRejectedByName() {
        assertThatThrownBy(() -> Language.parseList("it,fr")).hasMessageContaining("'fr'");
        assertThatThrownBy(() -> Language.parseList(" , ")).hasMessageContaining("no language");
    }
}
