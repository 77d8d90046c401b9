package dev.postino.subject;

import java.text.BreakIterator;

/**
 * Counts and cuts text in user-perceived characters: Unicode extended grapheme clusters
 * (UAX #29). Since JDK 20 (JDK-8291660) {@link BreakIterator#getCharacterInstance()} implements
 * them, so an emoji ZWJ sequence (👩‍👩‍👧), a flag (🇮🇹), a skin-tone emoji (👍🏽), a base letter with
 * combining accents (é as e + U+0301) and a Devanagari conjunct with its vowel signs each count
 * as one and are never split. Both operations are linear in the text length.
 */
public final class Graphemes {

    private Graphemes() {
    }

    /** The number of extended grapheme clusters in {@code text}. */
    public static int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /**
     * The longest prefix of {@code text} that ends on a cluster boundary and holds at most
     * {@code maxClusters} clusters.
     */
    public static String prefix(String text, int maxClusters) {
        return text.substring(0, prefixEnd(text, maxClusters));
    }

    /** The char index where {@link #prefix(String, int)} ends. */
    public static int prefixEnd(String text, int maxClusters) {
        if (maxClusters <= 0 || text.isEmpty()) {
            return 0;
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int end = 0;
        for (int i = 0; i < maxClusters; i++) {
            int next = it.next();
            if (next == BreakIterator.DONE) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Every cluster boundary of {@code text} after index 0, up to {@code maxClusters} of them. */
    static int[] boundaries(String text, int maxClusters) {
        if (text.isEmpty() || maxClusters <= 0) {
            return new int[0];
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int[] found = new int[Math.min(maxClusters, text.length())];
        int n = 0;
        while (n < found.length) {
            int next = it.next();
            if (next == BreakIterator.DONE) {
                break;
            }
            found[n++] = next;
        }
        return java.util.Arrays.copyOf(found, n);
    }
}
