package net.voicegslb.gslb.policy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test CA and the certificates it signs, made with the JDK's keytool at test time, so that no
 * key is checked in and nothing expires in the repository. EC P-256, store password
 * {@value #PASSWORD}. One copy for every module's TLS tests (the test-jar of policy).
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * A CA: {@code name.p12} (key) and {@code name.pem} (certificate, the trust anchor), returned.
     * Valid from ten days ago, so that it can sign certificates that have already expired.
     */
    public Path ca(String name) {
        Path p12 = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-startdate", "-10d", "-validity", "20", "-storetype", "PKCS12", "-keystore",
                p12.toString());
        Path pem = dir.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-file", pem.toString());
        return pem;
    }

    /**
     * A server certificate for DNS name {@code host} (CN and SAN, serverAuth) signed by CA {@code ca},
     * valid from now for two days: the PKCS#12 store {@code name.p12} with the key and the chain.
     */
    public Path server(String name, String host, String ca) {
        return issue(name, "CN=" + host, "dns:" + host, ca, "serverAuth", "+0d", 2);
    }

    /** The same for {@code host}, but expired yesterday (valid from five days ago for four). */
    public Path expired(String name, String host, String ca) {
        return issue(name, "CN=" + host, "dns:" + host, ca, "serverAuth", "-5d", 4);
    }

    /**
     * A certificate for {@code san} (e.g. {@code ip:127.0.0.1}) with extended key usage
     * {@code usage}, signed by CA {@code ca}: the store {@code name.p12}, and as PEM for configs,
     * {@code name-chain.pem} and {@code name-key.pem} (PKCS#8, mode 0600).
     */
    public Path signed(String name, String san, String ca, String usage) {
        Path p12 = issue(name, "CN=" + name, san, ca, usage, "+0d", 2);
        try {
            Files.writeString(chainPem(name),
                    Files.readString(dir.resolve(name + ".pem")) + Files.readString(dir.resolve(ca + ".pem")));
            Path key = keyPem(name);
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(privateKey(p12, name).getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p12;
    }

    public Path chainPem(String name) {
        return dir.resolve(name + "-chain.pem");
    }

    public Path keyPem(String name) {
        return dir.resolve(name + "-key.pem");
    }

    public static KeyStore load(Path p12) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server-side TLS context from a store made here. */
    public static SSLContext serverContext(Path p12) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(p12), PASSWORD.toCharArray());
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path issue(String name, String dname, String san, String ca, String usage, String start, int days) {
        Path p12 = dir.resolve(name + ".p12");
        Path caP12 = dir.resolve(ca + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString());
        Path csr = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-keystore", p12.toString(), "-file", csr.toString());
        Path signed = dir.resolve(name + ".pem");
        keytool("-gencert", "-alias", ca, "-keystore", caP12.toString(), "-infile", csr.toString(), "-outfile",
                signed.toString(), "-rfc", "-startdate", start, "-validity", String.valueOf(days),
                "-ext", "SAN=" + san, "-ext", "eku=" + usage);
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", dir.resolve(ca + ".pem").toString(), "-keystore",
                p12.toString());
        keytool("-importcert", "-alias", name, "-file", signed.toString(), "-keystore", p12.toString());
        return p12;
    }

    private static PrivateKey privateKey(Path p12, String alias) {
        try {
            return (PrivateKey) load(p12).getKey(alias, PASSWORD.toCharArray());
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
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
