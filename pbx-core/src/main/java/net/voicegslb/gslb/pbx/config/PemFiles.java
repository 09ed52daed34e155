package net.voicegslb.gslb.pbx.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads PEM certificates and PKCS#8 private keys for {@code sip.tls}. Each failure is an
 * {@link IllegalArgumentException} whose message names the file and what is wrong with it, for
 * the loader to report against the config field. A key file that group or others may read is
 * refused, as the H2 store is: the key is what proves the node is who it says.
 */
final class PemFiles {

    private static final int MAX_PEM_BYTES = 1024 * 1024;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PemFiles() {}

    /** Every CERTIFICATE block of the file, in order; at least one. */
    static List<X509Certificate> certificates(Path file) {
        List<byte[]> blocks = blocks(file, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < blocks.size(); i++) {
                try {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(blocks.get(i))));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("certificate " + (i + 1) + " in " + file
                            + " cannot be read: " + e.getMessage());
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(e); // X.509 is always there
        }
        return out;
    }

    /** The one PKCS#8 private key of the file (RSA or EC), from a file only its owner can read. */
    static PrivateKey privateKey(Path file) {
        ownerOnly(file);
        String text = read(file);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " holds an encrypted key; store it unencrypted (mode 0600): "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file);
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " holds a PKCS#1/SEC1 key; convert it to PKCS#8 "
                    + "(-----BEGIN PRIVATE KEY-----): openssl pkcs8 -topk8 -nocrypt -in " + file);
        }
        List<byte[]> blocks = blocks(file, "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new IllegalArgumentException(file + " must hold exactly one PEM private key "
                    + "(-----BEGIN PRIVATE KEY-----), found " + blocks.size());
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // next algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds no RSA, EC or Ed25519 PKCS#8 private key that can be read");
    }

    /** Whether {@code key} is the private half of {@code cert}'s public key: a test signature tells. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "gslb sip.tls key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static void ownerOnly(Path file) {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new IllegalArgumentException(file + " is open to other users (mode "
                        + PosixFilePermissions.toString(perms) + ") and holds the TLS private key; restrict it with "
                        + "'chmod 600 " + file + "'");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("file " + file + " is missing or not readable");
            }
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_PEM_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The decoded bodies of the blocks labelled exactly {@code label}. */
    private static List<byte[]> blocks(Path file, String label) {
        String text = read(file);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        List<byte[]> out = new ArrayList<>();
        int at = text.indexOf(begin);
        while (at >= 0) {
            // the end marker is looked for after the whole begin marker: their dashes may overlap
            int stop = text.indexOf(end, at + begin.length());
            if (stop < 0) {
                throw new IllegalArgumentException(file + ": '" + begin + "' without its '" + end + "'");
            }
            String body = text.substring(at + begin.length(), stop).replaceAll("\\s", "");
            try {
                out.add(Base64.getDecoder().decode(body));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": block " + (out.size() + 1) + " is not base64");
            }
            at = text.indexOf(begin, stop);
        }
        return out;
    }
}
