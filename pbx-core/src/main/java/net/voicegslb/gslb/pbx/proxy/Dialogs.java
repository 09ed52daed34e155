package net.voicegslb.gslb.pbx.proxy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The calls this node set up and has not seen end: what media operations are bound to (a re-offer
 * or a release needs a dialog we know), and what the per-source quotas count. Bounded three ways:
 * {@code maxDialogs} in all, {@code maxCallsPerSource} and {@code maxPendingPerSource} (INVITEs
 * without a final answer) per source address; dialogs older than {@code maxAgeMillis} are expired
 * by {@link #expire} so that a lost BYE cannot hold relay ports for ever. Trusted peers are not
 * counted per source (their own site counted their callers). Synchronized: touched once per
 * INVITE, answer and BYE, never per packet.
 */
public final class Dialogs {

    /** Why a new dialog was not admitted. */
    public enum Admit { OK, FULL, SOURCE_CALLS, SOURCE_PENDING }

    /** A dialog: its source (null for a peer's), when it began, and whether it still awaits a final answer. */
    public record Dialog(String callId, String callerTag, InetAddress source, long createdMillis) {}

    private static final class Entry {
        final Dialog dialog;
        boolean pending = true;

        Entry(Dialog dialog) {
            this.dialog = dialog;
        }
    }

    private final int maxDialogs;
    private final long maxAgeMillis;
    private final int maxCallsPerSource;
    private final int maxPendingPerSource;
    private final LongSupplier clock;
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<InetAddress, int[]> perSource = new HashMap<>(); // {calls, pending}

    public Dialogs(int maxDialogs, long maxAgeMillis, int maxCallsPerSource, int maxPendingPerSource,
            LongSupplier clockMillis) {
        this.maxDialogs = maxDialogs;
        this.maxAgeMillis = maxAgeMillis;
        this.maxCallsPerSource = maxCallsPerSource;
        this.maxPendingPerSource = maxPendingPerSource;
        this.clock = clockMillis;
    }

    /** Admits a new dialog (an initial INVITE about to be forwarded) from {@code source} (null: a peer). */
    public synchronized Admit open(String callId, String callerTag, InetAddress source) {
        String key = key(callId, callerTag);
        if (byKey.containsKey(key)) {
            return Admit.OK; // the same INVITE tried at the next peer, or a retransmission after expiry
        }
        if (byKey.size() >= maxDialogs) {
            return Admit.FULL;
        }
        int[] counts = source == null ? null : perSource.computeIfAbsent(source, s -> new int[2]);
        if (counts != null && counts[1] >= maxPendingPerSource) {
            return Admit.SOURCE_PENDING;
        }
        if (counts != null && counts[0] >= maxCallsPerSource) {
            return Admit.SOURCE_CALLS;
        }
        if (counts != null) {
            counts[0]++;
            counts[1]++;
        }
        byKey.put(key, new Entry(new Dialog(callId, callerTag, source, clock.getAsLong())));
        return Admit.OK;
    }

    /** The INVITE was answered 2xx: the dialog stands, no longer pending. */
    public synchronized void confirmed(String callId, String callerTag) {
        Entry e = byKey.get(key(callId, callerTag));
        if (e != null && e.pending) {
            e.pending = false;
            adjust(e.dialog.source(), 0, -1);
        }
    }

    /** The dialog ended (BYE from either side, failure, timeout); true when it was known. */
    public synchronized boolean close(String callId, String tagA, String tagB) {
        Entry e = tagA == null ? null : byKey.remove(key(callId, tagA));
        if (e == null && tagB != null) {
            e = byKey.remove(key(callId, tagB));
        }
        if (e == null) {
            return false;
        }
        adjust(e.dialog.source(), -1, e.pending ? -1 : 0);
        return true;
    }

    /** Whether this is a dialog of ours, with either tag as the caller's. */
    public synchronized boolean known(String callId, String tagA, String tagB) {
        return (tagA != null && byKey.containsKey(key(callId, tagA)))
                || (tagB != null && byKey.containsKey(key(callId, tagB)));
    }

    /** Forgets dialogs older than the age limit and returns them (their media is to be freed). */
    public synchronized List<Dialog> expire() {
        long oldest = clock.getAsLong() - maxAgeMillis;
        List<Dialog> out = new ArrayList<>();
        for (Iterator<Entry> it = byKey.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.dialog.createdMillis() < oldest) {
                it.remove();
                adjust(e.dialog.source(), -1, e.pending ? -1 : 0);
                out.add(e.dialog);
            }
        }
        return out;
    }

    public synchronized int size() {
        return byKey.size();
    }

    private void adjust(InetAddress source, int calls, int pending) {
        if (source == null) {
            return;
        }
        int[] c = perSource.get(source);
        if (c == null) {
            return;
        }
        c[0] += calls;
        c[1] += pending;
        if (c[0] <= 0 && c[1] <= 0) {
            perSource.remove(source);
        }
    }

    private static String key(String callId, String callerTag) {
        return callId + "\n" + callerTag;
    }
}
