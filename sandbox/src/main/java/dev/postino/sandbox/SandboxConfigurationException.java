package dev.postino.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * A configuration James's container would refuse at start, with a one-line message that names
 * the processor, the mailet or matcher and James's own reason (which, for Postino's classes,
 * names the parameter and the bad value).
 */
public final class SandboxConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final Pattern UNABLE_TO_INIT = Pattern.compile("Unable to init (mailet|matcher) ([^\\s:;]+)");

    public SandboxConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    static SandboxConfigurationException rejected(String source, XMLConfiguration config,
                                                 Optional<String> failedProcessor, Throwable e) {
        StringBuilder message = new StringBuilder(source).append(" rejected by James's mailet container: ");
        Matcher init = UNABLE_TO_INIT.matcher(causes(e));
        if (init.find()) {
            String kind = init.group(1);
            String name = init.group(2);
            failedProcessor.or(() -> findProcessor(config, kind, name)).ifPresent(state ->
                message.append("processor '").append(state).append("', "));
            message.append(kind).append(" '").append(name).append("': ");
        }
        message.append(reason(e));
        return new SandboxConfigurationException(message.toString(), e);
    }

    /**
     * The sentence that says what is wrong: the innermost message that is not already part of a
     * message around it. James wraps a mailet's own "ProductivityDelay: baseDelay: invalid value ..."
     * in "Can not load mailet ...", and the mailet wraps its parser's text the same way.
     */
    static String reason(Throwable e) {
        List<String> chain = chain(e).stream().map(SandboxConfigurationException::text).toList();
        String reason = chain.get(0);
        for (int i = 1; i < chain.size(); i++) {
            String candidate = chain.get(i);
            if (!candidate.isEmpty() && chain.subList(0, i).stream().noneMatch(outer -> outer.contains(candidate))) {
                reason = candidate;
            }
        }
        return reason;
    }

    /** Each exception of the chain in one line, outermost first: {@code jakarta.mail.MessagingException: text}. */
    public List<String> causeLines() {
        return chain(getCause()).stream().map(t -> t.getClass().getName() + (text(t).isEmpty() ? "" : ": " + text(t))).toList();
    }

    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = next(t)) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() == null && t instanceof jakarta.mail.MessagingException me) {
            return me.getNextException();
        }
        return t.getCause();
    }

    private static String text(Throwable t) {
        return Optional.ofNullable(t.getMessage()).orElse("").replaceAll("\\s+", " ").strip();
    }

    /** The distinct messages of an exception and its causes, joined: James wraps its reasons. */
    static String causes(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
            messages.add(text.replaceAll("\\s+", " ").strip());
            if (t instanceof jakarta.mail.MessagingException me && me.getNextException() != null
                    && me.getNextException() != t.getCause()) {
                messages.add(Optional.ofNullable(me.getNextException().getMessage()).orElse("").strip());
            }
        }
        messages.removeIf(String::isEmpty);
        return String.join(": ", messages);
    }

    private static Optional<String> findProcessor(XMLConfiguration config, String kind, String name) {
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        for (HierarchicalConfiguration<ImmutableNode> processor : config.configurationsAt("processors.processor")) {
            for (HierarchicalConfiguration<ImmutableNode> mailet : processor.configurationsAt("mailet")) {
                String value = kind.equals("mailet") ? mailet.getString("[@class]", "") : mailet.getString("[@match]", "");
                if (value.equals(name) || value.equals(shortName) || value.startsWith(name + "=")
                        || value.startsWith(shortName + "=")) {
                    return Optional.ofNullable(processor.getString("[@state]"));
                }
            }
        }
        return Optional.empty();
    }
}
