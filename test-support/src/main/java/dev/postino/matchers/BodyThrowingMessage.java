package dev.postino.matchers;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/** A message whose headers are real and whose body fails the test if anything reads it. */
public final class BodyThrowingMessage extends MimeMessage {

    public BodyThrowingMessage(String headerBlock) throws MessagingException {
        super(Session.getInstance(new Properties()));
        this.headers = new InternetHeaders(new ByteArrayInputStream(
            (headerBlock.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static AssertionError bodyRead() {
        return new AssertionError("the body was read");
    }

    @Override
    public InputStream getInputStream() {
        throw bodyRead();
    }

    @Override
    public InputStream getRawInputStream() {
        throw bodyRead();
    }

    @Override
    protected InputStream getContentStream() {
        throw bodyRead();
    }

    @Override
    public Object getContent() {
        throw bodyRead();
    }

    @Override
    public synchronized DataHandler getDataHandler() {
        throw bodyRead();
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) {
        throw bodyRead();
    }

    @Override
    public int getSize() {
        throw bodyRead();
    }

    @Override
    public int getLineCount() {
        throw bodyRead();
    }

    @Override
    public void saveChanges() {
        throw bodyRead();
    }
}
