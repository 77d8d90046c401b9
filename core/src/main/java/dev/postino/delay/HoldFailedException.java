package dev.postino.delay;

/** A {@link DeliveryHold} could not take a message; the caller still owns it. */
public class HoldFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public HoldFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
