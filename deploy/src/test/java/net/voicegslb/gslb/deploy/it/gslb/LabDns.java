package net.voicegslb.gslb.deploy.it.gslb;

import java.time.Duration;
import java.util.List;
import net.voicegslb.gslb.deploy.it.support.DnsReply;

/** The questions a phone's resolver asks the lab's DNS server, with the client network in ECS. */
final class LabDns {

    private final GslbLab lab;

    LabDns(GslbLab lab) {
        this.lab = lab;
    }

    DnsReply a(ClientNetwork n) {
        return lab.dig().query("+subnet=" + n.prefix(), LabPlan.SERVICE, "A");
    }

    DnsReply srv(ClientNetwork n) {
        return lab.dig().query("+subnet=" + n.prefix(), LabPlan.SRV_UDP, "SRV");
    }

    /** A and SRV for {@code n} from one kdig process (two queries): what a poll loop can afford every 100 ms. */
    List<DnsReply> aAndSrv(ClientNetwork n) {
        List<DnsReply> r = lab.kdig().queries("+subnet=" + n.prefix(), LabPlan.SERVICE, "A", LabPlan.SRV_UDP, "SRV");
        if (r.size() != 2) {
            throw new AssertionError("kdig printed " + r.size() + " responses for two queries:\n" + r);
        }
        return r;
    }

    static List<String> addresses(DnsReply r) {
        return r.rdataOf(r.answer(), "A");
    }

    static List<SrvRecord> srvRecords(DnsReply r) {
        return r.rdataOf(r.answer(), "SRV").stream().map(SrvRecord::parse).toList();
    }

    /** The ECS option of a reply that answered {@code n} from {@code n}'s own /24 measurements. */
    static String scope24(ClientNetwork n) {
        return "CLIENT-SUBNET: " + n.prefix() + "/24";
    }

    /**
     * Asks for {@code n}'s A record until it is exactly {@code expected}, decided for {@code n}'s /24
     * (ECS scope 24: not a fail-open or configured-order answer while nodes are still rising), and
     * returns that reply. Fails after {@code timeout} with the last answer and its explanation.
     */
    DnsReply awaitA(ClientNetwork n, List<String> expected, Duration timeout, AdminApi api) {
        long deadline = System.nanoTime() + timeout.toNanos();
        DnsReply last = null;
        while (System.nanoTime() < deadline) {
            last = a(n);
            if (addresses(last).equals(expected) && last.edns() != null
                    && last.edns().options().contains(scope24(n))) {
                return last;
            }
            sleep(200);
        }
        String why;
        try {
            why = api.explain(n.prefix(), LabPlan.SERVICE, "A").encodePrettily();
        } catch (RuntimeException | AssertionError e) {
            why = "(explain failed: " + e.getMessage() + ")";
        }
        String hint = why.contains("EXCLUDED_FULL") || why.contains("OVERLOADED")
                ? "\nNOTE: sites are full or overloaded: every standalone agent reports the whole machine's CPU as its"
                + " node's load, and the lab's nodes share this machine (is something else keeping it busy?)"
                : "";
        throw new AssertionError("A for " + n + " did not become " + expected + " with ECS scope 24 within " + timeout
                + "; last answer:\n" + last + "\nexplain:\n" + why + hint);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
