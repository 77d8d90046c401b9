package dev.postino.attachments.parts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

import dev.postino.attachments.MimeVariants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Where MimeReader reports no disagreement, it reads the message exactly as Mime4j does (the structure James's
 * IMAP server serves to clients): the same leaves, in the same order, with the same raw bodies. Where the two
 * part ways, MimeReader has reported it.
 */
class MimeReaderAgreementProperties {

    @Property(tries = 400)
    void withoutADisagreementTheLeavesAreMime4jsLeaves(@ForAll("messages") byte[] message) throws IOException, MimeException {
        List<String> ours = new ArrayList<>();
        boolean[] disagreement = {false};
        MimeReader.read(new ByteArrayInputStream(message), new MimeReader.Handler() {
            @Override
            public void leaf(MimeReader.Entity entity, InputStream rawBody) throws IOException {
                ours.add(new String(rawBody.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }

            @Override
            public void disagreement(String section, String description) {
                disagreement[0] = true;
            }
        });
        if (disagreement[0]) {
            return;
        }

        assertThat(ours).isEqualTo(mime4jLeaves(message));
    }

    private static List<String> mime4jLeaves(byte[] message) throws IOException, MimeException {
        List<String> leaves = new ArrayList<>();
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1).build(), DecodeMonitor.SILENT, null);
        parser.setContentDecoding(false);
        parser.setNoRecurse();
        parser.setContentHandler(new AbstractContentHandler() {
            @Override
            public void body(BodyDescriptor descriptor, InputStream in) throws IOException {
                leaves.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        });
        parser.parse(new ByteArrayInputStream(message));
        return leaves;
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return net.jqwik.api.Arbitraries.oneOf(MimeVariants.messages(), MimeVariants.damaged());
    }
}
