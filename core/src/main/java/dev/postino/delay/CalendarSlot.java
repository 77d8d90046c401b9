package dev.postino.delay;

/** Where a moment falls relative to the working hours, as rule 3 sees it. */
public enum CalendarSlot {
    /** Inside the working hours of a working day: no extra delay. */
    WORKING_HOURS,
    /** Within the edge window before a working day's opening: the edge delay is added. */
    BEFORE_OPENING,
    /** Within the edge window after a working day's closing: the edge delay is added. */
    AFTER_CLOSING,
    /** Anything else (night, weekend, holiday): held until the next opening. */
    OUT_OF_HOURS;

    public boolean isEdge() {
        return this == BEFORE_OPENING || this == AFTER_CLOSING;
    }
}
