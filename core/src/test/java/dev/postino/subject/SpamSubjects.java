package dev.postino.subject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The seed's spam (seed-excerpts §2): a real webmail account, DKIM-valid, whose whole payload was
 * a 3501-byte Subject. Rebuilt as realistic Italian spam text, plain and in the two RFC 2047
 * encodings a webmail would use.
 */
final class SpamSubjects {

    static final String PAYLOAD = "URGENTE!!! Hai vinto un buono Amazon da 500 EUR - conferma "
        + "entro 24 ore su http://premi-clienti.example/ritira?id=88213 oppure perderai il premio. "
        + "Offerta riservata ai clienti selezionati: iPhone 15 a 1 EUR, Rolex originali -90%, "
        + "prestiti senza garanzie approvati in 10 minuti, farmaci senza ricetta con consegna "
        + "discreta, guadagna 3000 EUR a settimana da casa con il trading automatico, ";

    private SpamSubjects() {
    }

    /** The plain variant: a folded ASCII value whose whole field is exactly 3501 bytes. */
    static String plain3501() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 3600) {
            text.append(PAYLOAD);
        }
        String value = fold(text.toString().strip());
        // Trim whole characters until "Subject: " + value is exactly 3501 bytes.
        while (SubjectEncoder.wireLength("Subject", value) > 3501) {
            value = value.substring(0, value.length() - 1).stripTrailing();
        }
        while (SubjectEncoder.wireLength("Subject", value) < 3501) {
            value = value + "!";
        }
        return value;
    }

    /** UTF-8 spam with emoji and accents, as Base64 encoded words of 75 characters. */
    static String base64() {
        return encodedWords(spamWithEmoji(), true);
    }

    /** The same text as quoted-printable (Q) encoded words. */
    static String quotedPrintable() {
        return encodedWords(spamWithEmoji(), false);
    }

    static String spamWithEmoji() {
        return ("🎁🎉 HAI VINTO! Perché aspettare? Città premiata: Milano 💶💶 " + PAYLOAD).repeat(6).strip();
    }

    /** Folds like a webmail does: at spaces, about every 70 characters. */
    private static String fold(String text) {
        StringBuilder out = new StringBuilder();
        int line = 9;
        for (String word : text.split(" ")) {
            if (out.length() > 0) {
                if (line + 1 + word.length() > 76) {
                    out.append("\r\n");
                    line = 0;
                }
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    /** Naive encoder, as a webmail: fixed-size chunks of whole code points, one word per line. */
    private static String encodedWords(String text, boolean base64) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int end = i;
            StringBuilder chunk = new StringBuilder();
            while (end < text.length()) {
                int next = end + Character.charCount(text.codePointAt(end));
                String candidate = text.substring(i, next);
                if (payload(candidate, base64).length() > 50) {
                    break;
                }
                end = next;
            }
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?").append(base64 ? 'B' : 'Q').append('?')
                .append(payload(text.substring(i, end), base64)).append("?=");
            i = end;
        }
        return out.toString();
    }

    private static String payload(String s, boolean base64) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (base64) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        StringBuilder q = new StringBuilder();
        for (byte b : bytes) {
            if (b == ' ') {
                q.append('_');
            } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
                q.append((char) b);
            } else {
                q.append(String.format("=%02X", b & 0xff));
            }
        }
        return q.toString();
    }
}
