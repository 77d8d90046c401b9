package dev.postino.sandbox;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;

/** The two small services the container needs that the sandbox answers itself. */
final class SandboxServices {
    private SandboxServices() {
    }

    /**
     * A DNS that knows nothing: the sandbox never resolves real hosts (remote delivery is a
     * recording stand-in), and domain auto-detection is off.
     */
    static final class NoDns implements DNSService {
        @Override
        public Collection<String> findMXRecords(String hostname) {
            return List.of();
        }

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            return List.of();
        }

        @Override
        public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
            return List.of(getByName(host));
        }

        @Override
        public InetAddress getByName(String host) throws UnknownHostException {
            if ("localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host)) {
                return InetAddress.getLoopbackAddress();
            }
            throw new UnknownHostException(host + " (the sandbox has no DNS)");
        }

        @Override
        public InetAddress getLocalHost() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public String getHostName(InetAddress addr) {
            return addr.getHostAddress();
        }
    }

    /**
     * James's {@code ExtendedClassLoader} looks for {@code file://extensions-jars/}; in the
     * sandbox Postino is already on the class path, so there is no such folder.
     */
    static final class NoExtensionsFileSystem implements FileSystem {
        @Override
        public InputStream getResource(String url) throws FileNotFoundException {
            throw new FileNotFoundException(url + " (the sandbox has no file system resources)");
        }

        @Override
        public File getFile(String fileURL) throws FileNotFoundException {
            throw new FileNotFoundException(fileURL + " (the sandbox has no file system resources)");
        }

        @Override
        public File getBasedir() throws FileNotFoundException {
            throw new FileNotFoundException("the sandbox has no base directory");
        }
    }
}
