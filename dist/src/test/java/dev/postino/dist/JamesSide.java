package dev.postino.dist;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;

/**
 * Stands where James's mailet container stands. {@link JamesClassLoadingIT} loads this class in a
 * loader whose parent is the James server loader, so it sees James's jars and nothing of the
 * test's class path; it reaches Postino only by class name through the extension loader, as
 * James's matcher and mailet loaders do. Every method takes and returns JDK types only: those are
 * the one thing the test and this world share. Never reference a Postino class here: it would
 * not resolve (which is the point).
 */
public final class JamesSide {

    private static final MailetContext CONTEXT = FakeMailContext.builder()
        .postmaster(address("postmaster@acme.example"))
        .build();

    private JamesSide() {
    }

    /** Whether the named class is a public, concrete James matcher or mailet. */
    public static boolean isMatcherOrMailet(ClassLoader extensions, String className) throws ClassNotFoundException {
        Class<?> type = Class.forName(className, false, extensions);
        return (Mailet.class.isAssignableFrom(type) || Matcher.class.isAssignableFrom(type))
            && Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers());
    }

    /**
     * Instantiates the named matcher or mailet and initialises it with {@code config} (for a
     * matcher, the key {@code condition}); returns its info line.
     */
    public static String loadAndInit(ClassLoader extensions, String className, Map<String, String> config) throws Exception {
        Class<?> type = Class.forName(className, true, extensions);
        return Matcher.class.isAssignableFrom(type)
            ? matcher(type, config.get("condition")).getMatcherInfo()
            : mailet(type, config).getMailetInfo();
    }

    /** Runs a mailet on a mail holding {@code eml}; returns the Subject and every attribute afterwards. */
    public static Map<String, Object> service(ClassLoader extensions, String className, Map<String, String> config,
                                              byte[] eml) throws Exception {
        Mailet mailet = mailet(Class.forName(className, true, extensions), config);
        Mail mail = mail(eml);
        mailet.service(mail);
        Map<String, Object> result = new TreeMap<>();
        result.put("Subject", mail.getMessage().getSubject());
        mail.attributes().forEach(attribute -> result.put(attribute.getName().asString(), plain(attribute.getValue())));
        return result;
    }

    /** Runs a matcher (no condition: all recipients) on a mail holding {@code eml}; returns the matched recipients. */
    public static List<String> match(ClassLoader extensions, String className, byte[] eml) throws Exception {
        Collection<MailAddress> matched = matcher(Class.forName(className, true, extensions), null).match(mail(eml));
        return matched == null ? List.of() : matched.stream().map(MailAddress::asString).toList();
    }

    private static Matcher matcher(Class<?> type, String condition) throws Exception {
        Matcher matcher = (Matcher) instantiate(type);
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName(type.getSimpleName()).mailetContext(CONTEXT);
        if (condition != null) {
            config.condition(condition);
        }
        matcher.init(config.build());
        return matcher;
    }

    private static Mailet mailet(Class<?> type, Map<String, String> parameters) throws Exception {
        Mailet mailet = (Mailet) instantiate(type);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(type.getSimpleName()).mailetContext(CONTEXT);
        parameters.forEach(config::setProperty);
        mailet.init(config.build());
        return mailet;
    }

    /** Guice's rule, as James applies it: the {@code @Inject} constructor, else the public no-argument one. */
    private static Object instantiate(Class<?> type) throws Exception {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(Inject.class)) {
                Class<?>[] parameters = constructor.getParameterTypes();
                Object[] arguments = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    arguments[i] = binding(parameters[i]);
                }
                return constructor.newInstance(arguments);
            }
        }
        return type.getConstructor().newInstance();
    }

    /** What James's Guice injector would hand a Postino constructor. */
    private static Object binding(Class<?> type) {
        if (type == Clock.class) {
            return Clock.systemUTC();
        }
        if (type == MetricFactory.class) {
            return new RecordingMetricFactory();
        }
        if (type == MailRepositoryStore.class) {
            // init only opens the repository as a probe; no mail is stored in this test.
            return Proxy.newProxyInstance(JamesSide.class.getClassLoader(), new Class<?>[] {MailRepositoryStore.class},
                (proxy, method, args) -> method.getName().equals("toString") ? "MailRepositoryStore stub" : null);
        }
        if (type == MailQueueFactory.class) {
            // ProductivityDelay only reads its class (which queue implementation) at init.
            return Proxy.newProxyInstance(JamesSide.class.getClassLoader(), new Class<?>[] {MailQueueFactory.class},
                (proxy, method, args) -> method.getName().equals("toString") ? "MailQueueFactory stub" : null);
        }
        throw new IllegalArgumentException("no binding for " + type.getName() + " (add one, as James's Guice modules do)");
    }

    private static Mail mail(byte[] eml) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        return FakeMail.builder().name("mail1").mimeMessage(message)
            .sender("anna.bianchi@acme.example").recipients("client@example.com").build();
    }

    /** Attribute values unwrapped to JDK types (String, numbers, lists, maps). */
    private static Object plain(Object value) {
        if (value instanceof AttributeValue<?> wrapped) {
            return plain(wrapped.value());
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(JamesSide::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key), plain(item)));
            return out;
        }
        return value;
    }

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
