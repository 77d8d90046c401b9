package dev.postino.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments parse(String... args) throws UsageException {
        return Arguments.parse(List.of(args), Arguments.WEBADMIN_OPTIONS, Set.of("--json"));
    }

    @Test
    void optionsFlagsAndWords() throws Exception {
        Arguments arguments = parse("list", "--webadmin", "http://127.0.0.1:8000", "--json", "--token=abc");
        assertThat(arguments.positional()).containsExactly("list");
        assertThat(arguments.flag("--json")).isTrue();
        assertThat(arguments.value("--token")).contains("abc");
        assertThat(arguments.webAdmin().base()).hasToString("http://127.0.0.1:8000");
    }

    @Test
    void aMisspeltOptionIsAnErrorNotIgnored() {
        assertThatThrownBy(() -> parse("--webadmn", "http://x")).hasMessage("unknown option --webadmn");
    }

    @Test
    void anOptionWithoutItsValueOrGivenTwiceIsAnError() {
        assertThatThrownBy(() -> parse("--webadmin")).hasMessage("--webadmin needs a value");
        assertThatThrownBy(() -> parse("--token", "a", "--token", "b")).hasMessage("--token is given twice");
    }

    @Test
    void theWebAdminUrlIsRequiredAndChecked() throws Exception {
        assertThatThrownBy(() -> parse().webAdmin()).hasMessageStartingWith("--webadmin URL is needed");
        assertThatThrownBy(() -> parse("--webadmin", "127.0.0.1:8000").webAdmin())
            .hasMessage("--webadmin: '127.0.0.1:8000' is not an http:// or https:// URL");
        assertThatThrownBy(() -> parse("--webadmin", "http://x", "--timeout", "soon").webAdmin())
            .hasMessageContaining("--timeout");
    }

    @Test
    void aShortOptionIsAnOptionAndALoneDashAWord() throws Exception {
        Arguments arguments = Arguments.parse(List.of("export", "-o", "out.eml", "-"), Set.of("-o"), Set.of());
        assertThat(arguments.value("-o")).contains("out.eml");
        assertThat(arguments.positional()).containsExactly("export", "-");
        assertThatThrownBy(() -> Arguments.parse(List.of("-x"), Set.of("-o"), Set.of())).hasMessage("unknown option -x");
    }
}
