package dev.postino.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.lib.AbstractStateMailetProcessor.MailetProcessorListener;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;

/** Listens to every processor of the container and keeps the steps in call order. */
final class TraceRecorder {
    private final List<TraceStep> steps = new ArrayList<>();

    MailetProcessorListener listenerFor(String processor) {
        return new MailetProcessorListener() {
            @Override
            public void afterMailet(Mailet mailet, String mailName, String state, long processTime, Throwable e) {
                add(new TraceStep(processor, TraceStep.Kind.MAILET, mailet.getClass().getName(), mailName,
                    List.of(), Optional.ofNullable(e).map(Throwable::toString)));
            }

            @Override
            public void afterMatcher(Matcher matcher, String mailName, Collection<MailAddress> recipients,
                                     Collection<MailAddress> matches, long processTime, Throwable e) {
                add(new TraceStep(processor, TraceStep.Kind.MATCHER, matcher.getClass().getName(), mailName,
                    matches == null ? List.of() : List.copyOf(matches), Optional.ofNullable(e).map(Throwable::toString)));
            }
        };
    }

    private synchronized void add(TraceStep step) {
        steps.add(step);
    }

    synchronized List<TraceStep> steps() {
        return List.copyOf(steps);
    }
}
