package dev.postino.delay;

/**
 * The company recipients of one message, as rule 2 counts them.
 *
 * @param visible distinct company addresses in To and Cc
 * @param bcc company envelope recipients in neither To nor Cc
 */
public record RecipientCounts(int visible, int bcc) {

    public RecipientCounts {
        if (visible < 0 || bcc < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** How many To/Cc recipients pay the per-recipient delay: every one after the first. */
    public int visibleAfterFirst() {
        return Math.max(0, visible - 1);
    }

    public int total() {
        return visible + bcc;
    }
}
