package dev.postino.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatWebAdminAnswers() {
        Object value = Json.parse("""
            {"name":"Mail1-a!b","sender":"a@b.example","recipients":["c@d.example"],"error":null,
             "attributes":{"postino.delay.applied":"true"},"size":12.5,"ok":true,"text":"caff\\u00e8\\n\\"x\\""}""");
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("name", "sender", "recipients", "error", "attributes", "size", "ok", "text");
        assertThat(map.get("recipients")).isEqualTo(List.of("c@d.example"));
        assertThat(map.get("error")).isNull();
        assertThat(map.get("size")).isEqualTo(new BigDecimal("12.5"));
        assertThat(map.get("text")).isEqualTo("caffè\n\"x\"");
    }

    @Test
    void writesWhatItReads() {
        String text = "{\"a\":[1,true,null,\"q\\\"\"],\"b\":{}}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void escapesControlAndBidiCharactersSoOutputStaysOneHarmlessLine() {
        assertThat(Json.write("a\u202Eb\u0007\n")).isEqualTo("\"a\\u202eb\\u0007\\n\"");
    }

    @Test
    void malformedInputIsAnErrorNamingTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessage("not JSON: expected a value at offset 5");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("trailing characters");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("end of the string");
    }
}
