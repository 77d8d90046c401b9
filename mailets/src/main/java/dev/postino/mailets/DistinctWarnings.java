package dev.postino.mailets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;

/**
 * Logs a WARN the first time a cause is seen, and not again for the next mails with the same
 * cause: a configuration that does not fit the server's current state (a personal account whose
 * company address is not in a served domain, say) shows once in the log instead of once per
 * mail. The memory is bounded; a cause forgotten after {@value #REMEMBERED} newer ones is logged
 * again, which keeps it visible without letting hostile input grow the set.
 */
final class DistinctWarnings {
    static final int REMEMBERED = 1024;

    private final Logger logger;
    private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        }));

    DistinctWarnings(Logger logger) {
        this.logger = logger;
    }

    /** Logs {@code message} at WARN unless this exact message was logged before; true when it was logged. */
    boolean warn(String message) {
        if (!seen.add(message)) {
            return false;
        }
        logger.warn("{} (logged once per cause)", message);
        return true;
    }
}
