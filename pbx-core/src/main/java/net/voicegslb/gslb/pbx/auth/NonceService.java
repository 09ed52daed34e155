package net.voicegslb.gslb.pbx.auth;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that need no table to verify: {@code base64url(issued-millis | random | HMAC)}, keyed by a
 * secret drawn at start. The HMAC covers the realm and the address the challenge was sent to, so
 * a nonce is only good from that address: whoever sends a forged source address never sees a
 * nonce for it, and so cannot make failures count against it. A nonce past its lifetime is stale
 * (the phone retries with a fresh one, RFC 7616 3.3 stale=true).
 *
 * <p>The highest nonce-count accepted per nonce is remembered for the nonce's lifetime, so a
 * replayed or reordered nc is refused. It is stored only once a request has authenticated
 * ({@link #accept}): a flood of wrong answers with valid nonces cannot fill the table. The table
 * is bounded ({@code auth.max_nonces}, see {@link NonceCounts}); if it has to forget a nonce before
 * its time, every nonce issued up to then that it no longer knows is answered stale, so forgetting
 * never reopens a replay.
 */
public final class NonceService {

    public enum Verdict { VALID, STALE, INVALID, REPLAY }

    /** The default of {@code auth.max_nonces}. */
    public static final int DEFAULT_MAX_NONCES = 100_000;

    private static final int RAW = 8 + 8 + 16;

    private final byte[] key = new byte[32];
    private final long lifetimeMillis;
    private final LongSupplier clock;
    private final ThreadLocal<Mac> macs;
    private final NonceCounts counts;

    public NonceService(Duration lifetime, LongSupplier clockMillis) {
        this(lifetime, DEFAULT_MAX_NONCES, clockMillis);
    }

    public NonceService(Duration lifetime, int maxNonces, LongSupplier clockMillis) {
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clockMillis;
        new SecureRandom().nextBytes(key);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        });
        this.counts = new NonceCounts(maxNonces);
    }

    /** A nonce for a challenge sent to {@code boundTo}: it verifies only from that address. */
    public String issue(String realm, InetAddress boundTo) {
        return issue(realm, boundTo.getAddress());
    }

    private String issue(String realm, byte[] boundTo) {
        ByteBuffer b = ByteBuffer.allocate(RAW);
        b.putLong(clock.getAsLong());
        // uniqueness only: the HMAC makes the nonce unforgeable, so no SecureRandom (and its lock) here
        b.putLong(ThreadLocalRandom.current().nextLong());
        b.put(mac(b.array(), realm, boundTo), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Checks that we issued {@code nonce} for this realm to {@code source}, that it is not past its lifetime and that {@code nc} (hex) is higher than any
     * accepted before. Records nothing: call {@link #accept} once the response is verified.
     */
    public Verdict check(String nonce, String realm, InetAddress source, String ncHex) {
        if (source == null) {
            return Verdict.INVALID; // every nonce is bound to the address its challenge went to
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        if (raw.length != RAW) {
            return Verdict.INVALID;
        }
        byte[] expected = mac(raw, realm, source.getAddress());
        int diff = 0;
        for (int i = 0; i < 16; i++) {
            diff |= expected[i] ^ raw[16 + i];
        }
        if (diff != 0) {
            return Verdict.INVALID;
        }
        long issued = ByteBuffer.wrap(raw).getLong();
        long now = clock.getAsLong();
        if (now - issued > lifetimeMillis || issued - now > 5_000) {
            return Verdict.STALE;
        }
        long nc = parseNc(ncHex);
        if (nc < 0) {
            return Verdict.INVALID;
        }
        Long seen = counts.get(nonce);
        if (seen == null) {
            return counts.mayBeForgotten(issued) ? Verdict.STALE : Verdict.VALID;
        }
        return nc <= seen ? Verdict.REPLAY : Verdict.VALID;
    }

    /**
     * Records {@code nc} for a nonce whose request has just authenticated; false when an equal or
     * higher count was accepted meanwhile (two copies of one request raced: the second is a replay).
     */
    public boolean accept(String nonce, String ncHex) {
        long nc = parseNc(ncHex);
        if (nc < 0) {
            return false;
        }
        return counts.accept(nonce, ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce)).getLong(), nc);
    }

    /** Lets the counts of nonces past their lifetime go (a nonce from a clock 5 s ahead included). */
    public void purge() {
        counts.trim(clock.getAsLong() - lifetimeMillis - 5_000);
    }

    public long tracked() {
        return counts.size();
    }

    /** Counts dropped because the table was full ({@code auth.max_nonces}). */
    public long evictions() {
        return counts.evictions();
    }

    private static long parseNc(String ncHex) {
        if (ncHex == null || ncHex.isEmpty() || ncHex.length() > 8) {
            return -1;
        }
        try {
            return Long.parseLong(ncHex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] mac(byte[] raw, String realm, byte[] boundTo) {
        Mac mac = macs.get();
        mac.update(raw, 0, 16);
        mac.update((byte) boundTo.length);
        mac.update(boundTo);
        return mac.doFinal(realm.getBytes(StandardCharsets.UTF_8));
    }
}
