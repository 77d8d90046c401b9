package dev.postino.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8: the text when the bytes are valid UTF-8, nothing otherwise (no U+FFFD guessing). Never throws. */
public final class Utf8 {

    private Utf8() {
    }

    public static Optional<String> strict(byte[] bytes) {
        return strict(bytes, 0, bytes.length);
    }

    public static Optional<String> strict(byte[] bytes, int offset, int length) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
