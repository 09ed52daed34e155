package net.voicegslb.gslb.dns.sipcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every listener call with the wall time it arrived. */
final class RecordingListener implements SipCheckListener {
    record Call(String kind, String nodeId, boolean ok, String detail, long untilMillis, long nowMillis,
                long arrivedNanos, String thread, List<TargetOutcome> outcomes) {
        boolean drain() {
            return kind.equals("drain");
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onCheck(String nodeId, boolean ok, String detail, List<TargetOutcome> outcomes, long nowMillis) {
        calls.add(new Call("check", nodeId, ok, detail, 0, nowMillis, System.nanoTime(), Thread.currentThread().getName(),
                outcomes));
    }

    @Override
    public void onDrain(String nodeId, long untilMillis, String detail, long nowMillis) {
        calls.add(new Call("drain", nodeId, false, detail, untilMillis, nowMillis, System.nanoTime(),
                Thread.currentThread().getName(), List.of()));
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    List<Call> of(String nodeId) {
        return calls.stream().filter(c -> c.nodeId().equals(nodeId)).toList();
    }
}
