package dev.postino.subject;

import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded Subject.
 *
 * @param text    the text a mail client would display, without leading or trailing whitespace
 * @param charset the charset every encoded word used, when there was exactly one besides
 *                US-ASCII; the encoder keeps it when it can represent the new text
 */
public record DecodedSubject(String text, Optional<Charset> charset) {

    public DecodedSubject {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
    }
}
