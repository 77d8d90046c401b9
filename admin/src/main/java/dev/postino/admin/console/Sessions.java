package dev.postino.admin.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions: a random id in an {@code HttpOnly; SameSite=Strict} cookie, and per session
 * a random token that every state-changing form carries (the CSRF token) and a one-time message for
 * the next page. Kept in memory; an idle session ends after {@link #IDLE}.
 */
final class Sessions {

    static final String COOKIE = "postino_console";
    static final Duration IDLE = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 1000;

    static final class Session {
        private final String id;
        private final String csrf;
        private volatile Instant lastSeen;
        private volatile String flash;

        private Session(String id, String csrf, Instant now) {
            this.id = id;
            this.csrf = csrf;
            this.lastSeen = now;
        }

        String id() {
            return id;
        }

        String csrf() {
            return csrf;
        }

        boolean csrfMatches(String offered) {
            return sameSecret(csrf, offered);
        }

        void flash(String message) {
            this.flash = message;
        }

        /** The message left for this page, once. */
        Optional<String> takeFlash() {
            String message = flash;
            flash = null;
            return Optional.ofNullable(message);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    Session create() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.lastSeen.plus(IDLE).isBefore(now));
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(Comparator.comparing(s -> s.lastSeen))
                .ifPresent(oldest -> sessions.remove(oldest.id));
        }
        Session session = new Session(token(), token(), now);
        sessions.put(session.id, session);
        return session;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null || session.lastSeen.plus(IDLE).isBefore(now)) {
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean sameSecret(String expected, String offered) {
        return offered != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
            offered.getBytes(StandardCharsets.UTF_8));
    }
}
