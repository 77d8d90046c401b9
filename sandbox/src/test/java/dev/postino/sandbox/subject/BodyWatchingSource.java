package dev.postino.sandbox.subject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.server.core.MimeMessageSource;

/**
 * A message source as James's spool would give it, with a 1 MiB body that counts how much of
 * it anyone reads. James loads headers lazily from the same stream (a read-ahead buffer may
 * take a few KiB past the blank line), so "the body was read" means more than 64 KiB of it.
 */
final class BodyWatchingSource implements MimeMessageSource {

    static final int BODY_SIZE = 1 << 20;
    static final long READ_AHEAD_ALLOWANCE = 64 * 1024;

    private final byte[] headers;
    private final AtomicLong bodyBytesRead = new AtomicLong();

    BodyWatchingSource(String headerBlock) {
        this.headers = (headerBlock.strip().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    }

    long bodyBytesRead() {
        return bodyBytesRead.get();
    }

    boolean bodyWasRead() {
        return bodyBytesRead.get() > READ_AHEAD_ALLOWANCE;
    }

    @Override
    public String getSourceId() {
        return "body-watching-" + System.identityHashCode(this);
    }

    @Override
    public long getMessageSize() {
        return headers.length + BODY_SIZE;
    }

    @Override
    public InputStream getInputStream() {
        return new InputStream() {
            private final ByteArrayInputStream head = new ByteArrayInputStream(headers);
            private long bodyPosition;

            @Override
            public int read() {
                int b = head.read();
                if (b >= 0) {
                    return b;
                }
                if (bodyPosition >= BODY_SIZE) {
                    return -1;
                }
                bodyBytesRead.incrementAndGet();
                return (bodyPosition++ % 64 == 63) ? '\n' : 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                int count = 0;
                while (count < length) {
                    int b = read();
                    if (b < 0) {
                        break;
                    }
                    buffer[offset + count++] = (byte) b;
                }
                return count == 0 ? -1 : count;
            }
        };
    }
}
