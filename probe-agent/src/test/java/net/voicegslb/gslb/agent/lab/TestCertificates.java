package net.voicegslb.gslb.agent.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test CAs and certificates they sign, made with the JDK's keytool at test time (nothing secret is
 * checked in, nothing expires in the repository). EC P-256, valid two days, store password
 * {@value #PASSWORD}.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA named {@code name}: {@code name.p12} (key) and {@code name.pem} (certificate, the trust anchor). */
    public Path ca(String name) {
        Path p12 = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString());
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-file", pem.toString());
        return pem;
    }

    /**
     * A server certificate for DNS name {@code host} signed by CA {@code ca} (made by {@link #ca}),
     * as a PKCS#12 store {@code name.p12} holding the key and the chain.
     */
    public Path server(String name, String host, String ca) {
        Path p12 = dir.resolve(name + ".p12");
        Path caP12 = dir.resolve(ca + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString());
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", p12.toString(), "-file", csr.toString());
        Path signed = dir.resolve(name + ".pem");
        keytool("-gencert", "-alias", ca, "-keystore", caP12.toString(), "-infile", csr.toString(), "-outfile",
                signed.toString(), "-rfc", "-validity", "2", "-ext", "SAN=dns:" + host, "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", dir.resolve(ca + ".pem").toString(), "-keystore",
                p12.toString());
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", p12.toString());
        return p12;
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
