package org.apache.james.transport.mailets;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Sandbox stand-in for James's {@code RecipientRewriteTable}, which rewrites recipients through the recipient rewrite table; the sandbox has no mappings, so it changes nothing. Parameters of the real mailet
 * are accepted and ignored.
 */
public class RecipientRewriteTable extends GenericMailet {
    @Override
    public void service(Mail mail) {
        // nothing to do in the sandbox: see the class comment
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for RecipientRewriteTable";
    }
}
