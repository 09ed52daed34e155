package net.voicegslb.gslb.dns.sipcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Test CAs and the server certificates they sign, made with the JDK's keytool at test time (nothing
 * secret is checked in, nothing expires in the repository). EC P-256, store password
 * {@value #PASSWORD}. The same helper as the agent's lab, plus certificates that are already
 * expired.
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA named {@code name}: {@code name.p12} (key) and {@code name.pem} (the trust anchor), returned. */
    Path ca(String name) {
        Path p12 = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-startdate", "-10d", "-validity", "20", "-storetype", "PKCS12", "-keystore",
                p12.toString());
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-file", pem.toString());
        return pem;
    }

    /** A server certificate for DNS name {@code host}, signed by {@code ca}, valid from now for two days. */
    Path server(String name, String host, String ca) {
        return server(name, host, ca, "+0d", 2);
    }

    /** One for {@code host} that expired yesterday (valid from five days ago for four). */
    Path expired(String name, String host, String ca) {
        return server(name, host, ca, "-5d", 4);
    }

    private Path server(String name, String host, String ca, String start, int days) {
        Path p12 = dir.resolve(name + ".p12");
        Path caP12 = dir.resolve(ca + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString());
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", p12.toString(), "-file", csr.toString());
        Path signed = dir.resolve(name + ".pem");
        keytool("-gencert", "-alias", ca, "-keystore", caP12.toString(), "-infile", csr.toString(), "-outfile",
                signed.toString(), "-rfc", "-startdate", start, "-validity", String.valueOf(days),
                "-ext", "SAN=dns:" + host, "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", dir.resolve(ca + ".pem").toString(), "-keystore",
                p12.toString());
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", p12.toString());
        return p12;
    }

    /** A server-side TLS context from a store made by {@link #server}. */
    static SSLContext serverContext(Path p12) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD));
        if (List.of(args).contains("-genkeypair")) {
            cmd.addAll(List.of("-keypass", PASSWORD));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
