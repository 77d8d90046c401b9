package org.apache.james.transport.matchers;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Sandbox stand-in for James's {@code IsSenderInRRTLoop}: the sandbox's recipient rewrite table
 * has no mappings, so no sender can be in a rewrite loop.
 */
public class IsSenderInRRTLoop extends GenericMatcher {
    @Override
    public Collection<MailAddress> match(Mail mail) {
        return List.of();
    }
}
