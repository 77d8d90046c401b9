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
        return countUpTo(text, Integer.MAX_VALUE);
    }

    /**
     * The number of clusters in {@code text}, but at most {@code limit}: stops as soon as it is
     * reached, so "is it longer than N" costs O(N), not O(length).
     */
    public static int countUpTo(String text, int limit) {
        if (text.isEmpty() || limit <= 0) {
            return 0;
        }
        if (isSimple(text, text.length())) {
            return Math.min(text.length(), limit);
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (count < limit && it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /**
     * True when every char before {@code end} is below U+0300 and not CR. No such character
     * extends, joins or prepends a cluster in UAX #29 (the first combining marks, ZWJ, regional
     * indicators, Hangul jamo and Indic signs all lie higher; CR LF is the one pair below), so
     * each is a cluster of its own and the BreakIterator, the costly part, can be skipped.
     */
    private static boolean isSimple(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x300 || c == '\r') {
                return false;
            }
        }
        return true;
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
        // The boundary after maxClusters simple chars is certain when the next char is simple too.
        if (isSimple(text, (int) Math.min(text.length(), (long) maxClusters + 1))) {
            return Math.min(text.length(), maxClusters);
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
