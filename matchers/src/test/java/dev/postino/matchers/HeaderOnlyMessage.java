package dev.postino.matchers;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * A message that has headers but whose body must never be touched: every way to reach the
 * body counts the attempt and fails. Proves that header-only matchers read headers only.
 */
final class HeaderOnlyMessage extends MimeMessage {

    private final AtomicInteger bodyReads = new AtomicInteger();

    HeaderOnlyMessage(InternetHeaders parsedHeaders) {
        super(Session.getInstance(new java.util.Properties()));
        this.headers = parsedHeaders;
    }

    /** Reads only the header block of a message stream (stops at the first empty line). */
    static HeaderOnlyMessage of(InputStream message) throws MessagingException {
        return new HeaderOnlyMessage(new InternetHeaders(message));
    }

    int bodyReads() {
        return bodyReads.get();
    }

    private AssertionError bodyTouched() {
        bodyReads.incrementAndGet();
        return new AssertionError("the message body was read");
    }

    @Override
    public InputStream getInputStream() {
        throw bodyTouched();
    }

    @Override
    public InputStream getRawInputStream() {
        throw bodyTouched();
    }

    @Override
    protected InputStream getContentStream() {
        throw bodyTouched();
    }

    @Override
    public Object getContent() {
        throw bodyTouched();
    }

    @Override
    public synchronized DataHandler getDataHandler() {
        throw bodyTouched();
    }

    @Override
    public void writeTo(OutputStream os) {
        throw bodyTouched();
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) {
        throw bodyTouched();
    }

    @Override
    public int getSize() {
        throw bodyTouched();
    }

    @Override
    public int getLineCount() {
        throw bodyTouched();
    }
}
