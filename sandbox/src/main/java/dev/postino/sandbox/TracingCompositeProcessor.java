package dev.postino.sandbox;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.mailetcontainer.api.MailetLoader;
import org.apache.james.mailetcontainer.api.MatcherLoader;
import org.apache.james.mailetcontainer.impl.CompositeProcessorImpl;
import org.apache.james.mailetcontainer.impl.MailetProcessorImpl;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.MailetContext;

/**
 * James's {@link CompositeProcessorImpl}, with the sandbox's trace listener attached to each
 * processor before it is initialised: James hands each mailet wrapper a copy of the listener
 * list at init time, the hook its own JMX statistics use.
 */
final class TracingCompositeProcessor extends CompositeProcessorImpl {
    private final MetricFactory metricFactory;
    private final MailetContext mailetContext;
    private final MatcherLoader matcherLoader;
    private final MailetLoader mailetLoader;
    private final TraceRecorder trace;
    private String failedProcessor;

    TracingCompositeProcessor(MetricFactory metricFactory, MailetContext mailetContext, MatcherLoader matcherLoader,
                              MailetLoader mailetLoader, TraceRecorder trace) {
        super(metricFactory, mailetContext, matcherLoader, mailetLoader);
        this.metricFactory = metricFactory;
        this.mailetContext = mailetContext;
        this.matcherLoader = matcherLoader;
        this.mailetLoader = mailetLoader;
        this.trace = trace;
    }

    @Override
    protected MailProcessor createMailProcessor(String name, HierarchicalConfiguration<ImmutableNode> config) throws Exception {
        MailetProcessorImpl processor = new MailetProcessorImpl(name, metricFactory);
        try {
            processor.setMailetContext(mailetContext);
            processor.setMailetLoader(mailetLoader);
            processor.setMatcherLoader(matcherLoader);
            processor.configure(config);
            processor.setRootMailProcessor(this);
            processor.addListener(trace.listenerFor(name));
            processor.init();
            return processor;
        } catch (Exception e) {
            failedProcessor = name;
            processor.destroy();
            throw e;
        }
    }

    /** The processor whose initialisation failed, to name it in the error James reports. */
    java.util.Optional<String> failedProcessor() {
        return java.util.Optional.ofNullable(failedProcessor);
    }
}
