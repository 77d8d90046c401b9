package org.apache.james.jmap.mailet.filter;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Sandbox stand-in for James's JMAP filtering mailet (module james-server-jmap, not part of the
 * sandbox): the sandbox users have no JMAP filters, so it changes nothing.
 */
public class JMAPFiltering extends GenericMailet {
    @Override
    public void service(Mail mail) {
        // no JMAP filtering rules in the sandbox
    }
}
