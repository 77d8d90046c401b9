package dev.postino.attachments;

/**
 * A limit of {@link InspectionLimits} was hit: unwinds to the top-level part and becomes one
 * {@link ReasonCode#LIMIT_EXCEEDED} finding there, so the part counts as not inspected (fail closed).
 */
final class LimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Location location;

    LimitExceeded(Location location, String message) {
        super(message, null, false, false);
        this.location = location;
    }
}
