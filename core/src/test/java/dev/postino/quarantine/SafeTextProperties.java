package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class SafeTextProperties {

    @Property
    void noticeTextNeverCarriesControlBidiOrLineCharacters(@ForAll @StringLength(max = 400) String raw) {
        String shown = SafeText.forNotice(raw);

        assertThat(shown.codePoints()).noneMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
        });
    }

    @Property
    void displayedNamesStayWithinTheirBound(@ForAll @StringLength(max = 2000) String raw) {
        assertThat(SafeText.displayName(raw).length()).isLessThanOrEqualTo(SafeText.DEFAULT_MAX_LENGTH);
    }

    @Property
    void noticeTextHasNoDotThatCouldFormALink(@ForAll @StringLength(max = 200) String raw) {
        assertThat(SafeText.forNotice(raw).replace("[.]", "")).doesNotContain(".");
    }
}
