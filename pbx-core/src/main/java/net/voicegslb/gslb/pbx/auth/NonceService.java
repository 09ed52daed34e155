package net.voicegslb.gslb.pbx.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that need no table to verify: {@code base64url(issued-millis | random | HMAC)}, keyed by a
 * secret drawn at start. A nonce past its lifetime is stale (the phone retries with a fresh one,
 * RFC 7616 3.3 stale=true); the highest nonce-count seen per nonce is remembered for the nonce's
 * lifetime, so a replayed or reordered nc is refused. Those counts live in two generations of maps
 * swapped every lifetime, so forgetting them costs nothing per entry.
 */
public final class NonceService {

    public enum Verdict { VALID, STALE, INVALID, REPLAY }

    private static final int RAW = 8 + 8 + 16;

    private final byte[] key = new byte[32];
    private final long lifetimeMillis;
    private final LongSupplier clock;
    private final ThreadLocal<Mac> macs;
    private volatile Map<String, Long> current = new ConcurrentHashMap<>();
    private volatile Map<String, Long> previous = new ConcurrentHashMap<>();
    private volatile long generationStart;

    public NonceService(Duration lifetime, LongSupplier clockMillis) {
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clockMillis;
        new SecureRandom().nextBytes(key);
        this.generationStart = clockMillis.getAsLong();
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String issue(String realm) {
        ByteBuffer b = ByteBuffer.allocate(RAW);
        b.putLong(clock.getAsLong());
        // uniqueness only: the HMAC makes the nonce unforgeable, so no SecureRandom (and its lock) here
        b.putLong(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        b.put(mac(b.array(), 16, realm), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** Checks a nonce and, for qop=auth, that {@code nc} (hex) is higher than any seen before. */
    public Verdict check(String nonce, String realm, String ncHex) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        if (raw.length != RAW) {
            return Verdict.INVALID;
        }
        byte[] expected = mac(raw, 16, realm);
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
        long nc;
        try {
            nc = Long.parseLong(ncHex, 16);
        } catch (NumberFormatException | NullPointerException e) {
            return Verdict.INVALID;
        }
        Long older = previous.get(nonce);
        if (older != null && nc <= older) {
            return Verdict.REPLAY;
        }
        Long[] seen = new Long[1];
        current.compute(nonce, (k, old) -> {
            seen[0] = old;
            return old == null || nc > old ? Long.valueOf(nc) : old;
        });
        return seen[0] != null && nc <= seen[0] ? Verdict.REPLAY : Verdict.VALID;
    }

    /**
     * Drops the older generation once a lifetime has passed: every nonce in it is stale by then
     * (a nonce is recorded at most a lifetime after issue, and kept at least a lifetime after).
     */
    public void purge() {
        long now = clock.getAsLong();
        if (now - generationStart >= lifetimeMillis) {
            previous = current;
            current = new ConcurrentHashMap<>();
            generationStart = now;
        }
    }

    public int tracked() {
        return current.size() + previous.size();
    }

    private byte[] mac(byte[] data, int len, String realm) {
        Mac mac = macs.get();
        mac.update(data, 0, len);
        return mac.doFinal(realm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
