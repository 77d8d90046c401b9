package dev.postino.attachments.parts;

/** RFC 2045 §5.1 character classes. */
final class MimeSyntax {

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private MimeSyntax() {
    }

    static boolean isTspecial(char c) {
        return TSPECIALS.indexOf(c) >= 0;
    }

    /** A token character: printable US-ASCII, not a space, not a tspecial. */
    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && !isTspecial(c);
    }
}
