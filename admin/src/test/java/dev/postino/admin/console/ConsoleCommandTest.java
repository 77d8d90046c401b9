package dev.postino.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.postino.admin.Cli;

/** {@code console}: where it may listen, and what it shows of the WebAdmin address. */
class ConsoleCommandTest {

    @Test
    void anAddressOtherMachinesReachNeedsAnAccessToken() {
        Cli.Result result = Cli.run("console", "--webadmin", "http://127.0.0.1:8000", "--listen", "0.0.0.0:8090");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLines().get(0)).isEqualTo("postino console: --listen 0.0.0.0 is reachable from other machines:"
            + " give an --access-token (or POSTINO_CONSOLE_TOKEN), e.g. from `openssl rand -base64 24`");
    }

    @Test
    void aShortAccessTokenIsRefused() {
        Cli.Result result = Cli.run("console", "--webadmin", "http://127.0.0.1:8000", "--listen", "0.0.0.0:8090",
            "--access-token", "secret");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--access-token: use at least 16 characters");
    }

    @Test
    void aListenAddressMustBeHostAndPort() {
        assertThat(Cli.run("console", "--webadmin", "http://127.0.0.1:8000", "--listen", "8090").err())
            .contains("--listen: '8090' is not HOST:PORT");
        assertThat(Cli.run("console", "--webadmin", "http://127.0.0.1:8000", "--listen", "127.0.0.1:http").err())
            .contains("has no port number");
    }

    @Test
    void theWebAdminAddressIsShownWithoutCredentials() {
        assertThat(ConsoleCommand.shownAddress(URI.create("http://admin:secret@james.acme.example:8000/")))
            .isEqualTo("http://james.acme.example:8000/");
        assertThat(ConsoleCommand.shownAddress(URI.create("https://james.acme.example"))).isEqualTo("https://james.acme.example");
    }
}
