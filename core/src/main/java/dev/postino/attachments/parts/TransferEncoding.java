package dev.postino.attachments.parts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The decodings a mail program may apply to a part's body, and how each reader picks one from the
 * {@code Content-Transfer-Encoding} field. They agree on a clean field ({@code base64}); they disagree on
 * everything else, and the inspector judges the body under every decoding any of them would apply.
 *
 * <ul>
 *   <li>Jakarta Mail (James's mailets, {@code MimeBodyPart.getEncoding}): the first field; the first atom after
 *       skipping comments, quoted strings and specials ({@code base64 (encoded)}, {@code (x) base64},
 *       {@code base64;} are base64); base64, quoted-printable, uuencode, x-uuencode and x-uue decoded, 7bit,
 *       8bit and binary as they are, any other value fails to open.</li>
 *   <li>Thunderbird ({@code MimeObject_initialize}): the first field, cut at the first space, {@code ;} or
 *       {@code ,}; base64, quoted-printable, x-uuencode, x-uue, uuencode, uue and x-yencode decoded, anything
 *       else shown as it is.</li>
 *   <li>James's IMAP server reports Mime4j's value to the client, which decodes it with its own rules: the
 *       first <em>non-empty</em> field, whole ({@code FallbackBodyDescriptorBuilder}).</li>
 * </ul>
 * An attached message ({@code message/*}) is another case: Jakarta Mail reads its body as it is whatever the
 * field says ({@code MimeBodyPart.restrictEncoding}: {@code mail.mime.allowencodedmessages}, default false), and
 * Mime4j parses the message within as it is unless the field is base64 or quoted-printable
 * ({@code MimeEntity.nextMessage}). So its body is also judged undecoded.
 */
public enum TransferEncoding {
    /** 7bit, 8bit, binary, or a value nobody decodes: the body as it is. */
    IDENTITY,
    BASE64,
    QUOTED_PRINTABLE,
    /** {@code x-uuencode} and its aliases: the body holds a {@code begin} line and uuencoded lines. */
    UUENCODE,
    /** {@code x-yencode}: Thunderbird only. */
    YENC;

    /**
     * Every decoding some reader applies, given the field bodies in header order; never empty.
     *
     * @param attachedMessage whether some reader takes the part for a {@code message/*}: then it is read as it
     *                        is as well
     */
    public static Set<TransferEncoding> readings(java.util.List<String> fieldBodies, boolean attachedMessage) {
        EnumSet<TransferEncoding> readings = EnumSet.noneOf(TransferEncoding.class);
        if (attachedMessage) {
            readings.add(IDENTITY);
        }
        String first = fieldBodies.isEmpty() ? null : fieldBodies.get(0);
        readings.add(jakarta(first));
        readings.add(thunderbird(first));
        String firstNonEmpty = fieldBodies.stream().filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        readings.add(thunderbird(firstNonEmpty));
        return readings;
    }

    /** Jakarta Mail's reading; a value it does not know fails to open, which shows nothing: identity. */
    static TransferEncoding jakarta(String value) {
        if (value == null) {
            return IDENTITY;
        }
        String atom = firstAtom(value.trim());
        return switch (atom.toLowerCase(Locale.ROOT)) {
            case "base64" -> BASE64;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            case "uuencode", "x-uuencode", "x-uue" -> UUENCODE;
            default -> IDENTITY;
        };
    }

    /** Thunderbird's reading. */
    static TransferEncoding thunderbird(String value) {
        if (value == null) {
            return IDENTITY;
        }
        String text = value.trim();
        int end = 0;
        while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != ',' && !isSpace(text.charAt(end))) {
            end++;
        }
        return switch (text.substring(0, end).toLowerCase(Locale.ROOT)) {
            case "base64" -> BASE64;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            case "x-uuencode", "x-uue", "uuencode", "uue" -> UUENCODE;
            case "x-yencode" -> YENC;
            default -> IDENTITY;
        };
    }

    /** RFC 822 lexing as Jakarta's {@code HeaderTokenizer} does it: the first atom, or the whole value if none. */
    private static String firstAtom(String value) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '(') {
                int depth = 0;
                for (; i < n; i++) {
                    char d = value.charAt(i);
                    if (d == '\\') {
                        i++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        i++;
                        break;
                    }
                }
            } else if (c == '"') {
                for (i++; i < n && value.charAt(i) != '"'; i++) {
                    if (value.charAt(i) == '\\') {
                        i++;
                    }
                }
                i++;
            } else if (endsAnAtom(c)) {
                i++;
            } else {
                int start = i;
                while (i < n && !isSpace(value.charAt(i)) && !endsAnAtom(value.charAt(i))) {
                    i++;
                }
                return value.substring(start, i);
            }
        }
        return value;
    }

    /**
     * A special or a control to {@code HeaderTokenizer}: it ends an atom and is skipped as a token of its own.
     * That includes every character from DEL up, so {@code base64} followed by 8-bit bytes is base64 to
     * Jakarta Mail (which reads the header as Latin-1) and an unknown encoding to Mime4j and Thunderbird.
     */
    private static boolean endsAnAtom(char c) {
        return MimeSyntax.isTspecial(c) || c < 0x20 || c >= 0x7F;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
