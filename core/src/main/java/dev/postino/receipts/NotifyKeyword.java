package dev.postino.receipts;

/** The values of the SMTP DSN {@code NOTIFY} parameter (RFC 3461 §4.1). */
public enum NotifyKeyword {
    NEVER,
    SUCCESS,
    FAILURE,
    DELAY
}
