package dev.postino.attachments.parts;

/**
 * A parameter of a header field the way Thunderbird reads it (Gecko's {@code nsMIMEHeaderParamImpl},
 * plain {@code name=value} form): parameters start after the first {@code ;} or {@code ,}, are split at
 * {@code ;} with no notion of comments, a token value ends at a space, a quoted one loses its backslashes,
 * the first occurrence wins, and a parameter not followed by {@code ;} ends the list. Never throws.
 */
public final class ThunderbirdParameter {

    private ThunderbirdParameter() {
    }

    /** The value of the first {@code name=} parameter (case-insensitive), or null. */
    public static String value(String fieldBody, String name) {
        if (fieldBody == null) {
            return null;
        }
        String text = fieldBody.trim();
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) != ';' && text.charAt(i) != ',') {
            i++;
        }
        if (i < n) {
            i++;
        }
        i = skipSpaces(text, i);
        if (i >= n) {
            i = 0; // Gecko rewinds for fields that are nothing but parameters
        }
        while (i < n) {
            int nameStart = i;
            while (i < n && !isSpace(text.charAt(i)) && text.charAt(i) != '=' && text.charAt(i) != ';') {
                i++;
            }
            String parameter = text.substring(nameStart, i);
            i = skipSpaces(text, i);
            if (i >= n) {
                break;
            }
            if (text.charAt(i) == '=') {
                i = skipSpaces(text, i + 1);
                StringBuilder value = new StringBuilder();
                if (i < n && text.charAt(i) == '"') {
                    for (i++; i < n && text.charAt(i) != '"'; i++) {
                        if (text.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        if (text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                            value.append(text.charAt(i));
                        }
                    }
                    if (i < n) {
                        i++;
                    }
                } else {
                    while (i < n && !isSpace(text.charAt(i)) && text.charAt(i) != ';') {
                        value.append(text.charAt(i++));
                    }
                }
                if (parameter.equalsIgnoreCase(name)) {
                    return value.toString();
                }
            }
            i = skipSpaces(text, i);
            if (i >= n || text.charAt(i) != ';') {
                break; // a parameter not followed by ';' ends the list
            }
            i = skipSpaces(text, i + 1);
        }
        return null;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
