package dev.postino.admin;

/** A WebAdmin call that failed, with a message of one line an administrator can act on. */
public final class WebAdminException extends Exception {
    public WebAdminException(String message) {
        super(message);
    }
}
