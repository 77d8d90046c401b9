package dev.postino.quarantine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The id under which one quarantined original is kept, e.g. {@code Q-20261201-7F3K9M2P}: the UTC day
 * it was held, then 40 random bits in Crockford base 32.
 *
 * <p>Short enough to read over the phone, quoted in every notice and used as the mail's key in the
 * repository, so an admin goes straight from a user's report to the message. Crockford's alphabet
 * has no I, L, O or U, so the id survives being copied by hand.
 */
public record QuarantineId(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern SHAPE = Pattern.compile("Q-\\d{8}-[0-9A-HJKMNP-TV-Z]{8}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    public QuarantineId {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a quarantine id: " + value);
        }
    }

    /** A fresh id for something held at {@code now}; {@code random} should be a SecureRandom in production. */
    public static QuarantineId generate(Instant now, RandomGenerator random) {
        long bits = random.nextLong() & 0xFF_FFFF_FFFFL;
        char[] suffix = new char[8];
        for (int i = 7; i >= 0; i--) {
            suffix[i] = ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new QuarantineId("Q-" + DAY.format(now) + "-" + new String(suffix));
    }

    /** True when {@code text} has the shape of an id (used to ignore forged header values). */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
