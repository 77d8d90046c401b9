package dev.postino.attachments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * What Jakarta Mail (Angus Mail, the parser James hands mailets and the one whose behaviour mail clients'
 * resembles) extracts from a message: every leaf part with the name and the bytes a program built on it would
 * save. The other side of the differential oracle: the inspector reads the message with Mime4j, this reads it
 * the way the recipient's software may.
 *
 * <p>Default session properties, as James runs with: {@code mail.mime.multipart.ignoremissingboundaryparameter}
 * and {@code ignoremissingendboundary} true, base64 errors not ignored (a decoding error ends the part: the
 * bytes read so far are what a program would have saved).
 */
public final class JakartaMailReading {

    /** One extracted leaf: its file name as Jakarta Mail reports it ({@code null} if none) and its decoded bytes. */
    public record Leaf(String path, String name, String contentType, byte[] content) {
    }

    private static final int MAX_DEPTH = 60;
    private static final int MAX_LEAVES = 2_000;

    private JakartaMailReading() {
    }

    /**
     * Every leaf Jakarta Mail extracts; never throws. A part it cannot read is skipped, and so is a multipart or
     * attached message it cannot open: it extracts nothing there.
     */
    public static List<Leaf> leaves(byte[] message) {
        List<Leaf> leaves = new ArrayList<>();
        try {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
            walk(parsed, "1", 0, leaves);
        } catch (MessagingException | RuntimeException unreadable) {
            // nothing a client could open either
        }
        return leaves;
    }

    private static void walk(Part part, String path, int depth, List<Leaf> leaves) {
        if (depth > MAX_DEPTH || leaves.size() >= MAX_LEAVES) {
            return;
        }
        Object content = null;
        try {
            if (part.isMimeType("multipart/*") || part.isMimeType("message/rfc822")) {
                content = part.getContent();
            }
        } catch (IOException | MessagingException | RuntimeException unreadable) {
            // a multipart or message Jakarta Mail cannot open (a boundary it cannot parse, no start boundary): it
            // extracts nothing from it; a program built on it shows an error, not the raw text as a file
            return;
        }
        if (content instanceof Multipart multipart) {
            int count;
            try {
                count = multipart.getCount();
            } catch (MessagingException | RuntimeException unreadable) {
                return;
            }
            for (int i = 0; i < count; i++) {
                try {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, path + "." + (i + 1), depth + 1, leaves);
                } catch (MessagingException | RuntimeException unreadable) {
                    // skip the part, as a client would
                }
            }
            return;
        }
        if (content instanceof MimeMessage attached) {
            walk(attached, path + ".m", depth + 1, leaves);
            return;
        }
        leaves.add(new Leaf(path, name(part), contentType(part), decoded(part)));
    }

    private static String name(Part part) {
        try {
            return part.getFileName();
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String contentType(Part part) {
        try {
            return part.getContentType();
        } catch (MessagingException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The decoded bytes, up to the first decoding error (what a program saving the part would have written). */
    private static byte[] decoded(Part part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | MessagingException | RuntimeException broken) {
            // keep what was read
        }
        return out.toByteArray();
    }
}
