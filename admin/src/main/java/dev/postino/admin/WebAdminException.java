package dev.postino.admin;

/** A WebAdmin call that failed, with a message of one line an administrator can act on. */
public final class WebAdminException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebAdminException(String message) {
        super(message);
    }
}
