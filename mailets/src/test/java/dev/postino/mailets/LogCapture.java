package dev.postino.mailets;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * What one class logs during a test, INFO and up, whatever logging configuration the test classpath
 * carries (core's test jar brings a logback-test.xml whose root level is WARN): the logger's level is
 * set for the test and put back after it, so a test passes alone and in any order.
 *
 * <pre>{@code @RegisterExtension final LogCapture logs = LogCapture.of(DropReceipt.class);}</pre>
 */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    static LogCapture of(Class<?> type) {
        return new LogCapture((Logger) LoggerFactory.getLogger(type));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.list.clear();
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }

    /** Forgets what was logged so far: e.g. a mailet's start line, when a test is about what it logs per mail. */
    void clear() {
        appender.list.clear();
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
