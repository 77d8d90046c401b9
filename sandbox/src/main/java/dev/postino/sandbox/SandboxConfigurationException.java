package dev.postino.sandbox;

import java.util.LinkedHashSet;
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
    private static final Pattern UNABLE_TO_INIT = Pattern.compile("Unable to init (mailet|matcher) ([^\\s:;]+)");

    public SandboxConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    static SandboxConfigurationException rejected(String source, XMLConfiguration config,
                                                 Optional<String> failedProcessor, Throwable e) {
        String causes = causes(e);
        StringBuilder message = new StringBuilder(source).append(" rejected by James's mailet container: ");
        Matcher init = UNABLE_TO_INIT.matcher(causes);
        if (init.find()) {
            String kind = init.group(1);
            String name = init.group(2);
            failedProcessor.or(() -> findProcessor(config, kind, name)).ifPresent(state ->
                message.append("processor '").append(state).append("', "));
            message.append(kind).append(" '").append(name).append("': ");
            message.append(causes.substring(init.end()).replaceFirst("^[:\\s]+", ""));
        } else {
            message.append(causes);
        }
        return new SandboxConfigurationException(message.toString(), e);
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
