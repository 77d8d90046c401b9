package dev.postino.matchers;

import java.util.Collection;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postino.delay.Company;

/**
 * Matches the company recipients of a message whose envelope sender is in the company, so that
 * James's split sends intra-company recipients one way and external recipients another.
 *
 * <pre>{@code
 * <!-- the company is the domains James serves (MailetContext.isLocalServer) -->
 * <mailet match="dev.postino.matchers.IsIntraCompany" class="..."/>
 * <!-- or an explicit comma list of domains -->
 * <mailet match="dev.postino.matchers.IsIntraCompany=acme.example,acme.it" class="..."/>
 * }</pre>
 *
 * <p>Domains match exactly (list subdomains separately). A null sender (bounces) is never in the
 * company. The message itself is never read: only the envelope. Personal accounts (an employee's
 * private address) are not known to this matcher; {@code ProductivityDelay} recognises them
 * itself, which is why its sample configuration runs it on {@code All}.
 */
public class IsIntraCompany extends GenericMatcher {

    private Company company;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            company = Company.of(domain -> getMailetContext().isLocalServer(Domain.of(domain)), "local domains");
            return;
        }
        try {
            company = Company.ofDomains("IsIntraCompany condition", condition);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (!mail.hasSender() || !company.includesDomain(mail.getMaybeSender().get().getDomain().asString())) {
            return List.of();
        }
        return mail.getRecipients().stream()
            .filter(recipient -> company.includesDomain(recipient.getDomain().asString()))
            .toList();
    }

    @Override
    public String getMatcherInfo() {
        return "Postino IsIntraCompany: company recipients of mail sent from inside the company";
    }
}
