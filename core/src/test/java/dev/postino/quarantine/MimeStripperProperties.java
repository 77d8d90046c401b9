package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class MimeStripperProperties {

    private static String multipart(List<String> bodies) {
        StringBuilder message = new StringBuilder("Subject: p\r\nContent-Type: multipart/mixed; boundary=\"=b=\"\r\n\r\npre\r\n");
        for (int i = 0; i < bodies.size(); i++) {
            message.append("--=b=\r\nContent-Type: application/octet-stream; name=\"f").append(i + 1)
                .append(".bin\"\r\n\r\n").append(bodies.get(i)).append("\r\n");
        }
        return message.append("--=b=--\r\nepilogue\r\n").toString();
    }

    @Property
    void everyPartButTheStrippedOneIsKeptByteForByte(
            @ForAll @Size(min = 1, max = 6) List<@AlphaChars @StringLength(max = 300) String> bodies,
            @ForAll @IntRange(min = 1, max = 6) int section) {
        int stripped = Math.min(section, bodies.size());
        String message = multipart(bodies);

        String out = new String(MimeStripper.strip(message.getBytes(StandardCharsets.UTF_8),
            Map.of(String.valueOf(stripped), "removed")), StandardCharsets.UTF_8);

        String before = message.substring(0, message.indexOf("Content-Type: application/octet-stream; name=\"f" + stripped + ".bin\""));
        String afterMarker = "--=b=" + (stripped == bodies.size() ? "--" : "") + "\r\n";
        String after = message.substring(message.indexOf("\r\n" + afterMarker,
            message.indexOf("name=\"f" + stripped + ".bin\"")));
        assertThat(out).startsWith(before).endsWith(after);
        assertThat(out).doesNotContain("name=\"f" + stripped + ".bin\"");
        assertThat(MimeStripper.plan(out.getBytes(StandardCharsets.UTF_8), List.of(String.valueOf(bodies.size())))
            .complete()).isTrue();
    }
}
