package org.apache.james.transport.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Sandbox stand-in for James's {@code MetricsMailet}: increments the counter {@code metricName}. */
public class MetricsMailet extends GenericMailet {
    private final MetricFactory metricFactory;
    private String metricName;

    @Inject
    public MetricsMailet(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    @Override
    public void init() throws MessagingException {
        metricName = getInitParameter("metricName");
        if (metricName == null || metricName.isBlank()) {
            throw new MessagingException("MetricsMailet: metricName is required");
        }
    }

    @Override
    public void service(Mail mail) {
        metricFactory.generate(metricName).increment();
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for MetricsMailet";
    }
}
