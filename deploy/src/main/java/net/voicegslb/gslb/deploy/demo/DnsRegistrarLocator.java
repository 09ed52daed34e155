package net.voicegslb.gslb.deploy.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import net.voicegslb.gslb.pbx.lab.PhoneAccount;
import net.voicegslb.gslb.pbx.lab.RegistrarLocator;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Finds a phone's node the way RFC 3263 has a phone do it for {@code sip:voip.example.test;transport=udp}:
 * {@code _sip._udp} SRV, the best target, its A record, asked of our DNS server from the phone's own
 * address, so the server keys the answer on the phone's network as it would on its resolver's. Asked
 * again before each registration, so phones follow the answers when they move.
 */
final class DnsRegistrarLocator implements RegistrarLocator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final InetSocketAddress dns;

    DnsRegistrarLocator(InetSocketAddress dns) {
        this.dns = dns;
    }

    @Override
    public InetSocketAddress registrarFor(PhoneAccount account) {
        try {
            Message srv = ask(account.address(), DemoPlan.SRV_UDP, Type.SRV);
            List<SRVRecord> targets = srv.getSection(Section.ANSWER).stream().filter(r -> r instanceof SRVRecord)
                    .map(r -> (SRVRecord) r).sorted(Comparator.comparingInt(SRVRecord::getPriority)
                            .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed()))
                    .toList();
            if (targets.isEmpty()) {
                return null;
            }
            // the best priority; among equals, a random one weighted as RFC 2782 would do it coarsely
            int best = targets.get(0).getPriority();
            List<SRVRecord> top = targets.stream().filter(t -> t.getPriority() == best).toList();
            SRVRecord pick = top.get((int) (Math.random() * top.size()));
            InetAddress address = addressOf(srv, pick.getTarget());
            if (address == null) {
                Message a = ask(account.address(), pick.getTarget().toString(), Type.A);
                address = addressOf(a, pick.getTarget());
            }
            return address == null ? null : new InetSocketAddress(address, pick.getPort());
        } catch (IOException e) {
            return null;
        }
    }

    private Message ask(InetAddress from, String name, int type) throws IOException {
        SimpleResolver r = new SimpleResolver(dns);
        r.setLocalAddress(new InetSocketAddress(from, 0));
        r.setTimeout(TIMEOUT);
        Record question = Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN);
        Message reply = r.send(Message.newQuery(question));
        if (reply.getRcode() != Rcode.NOERROR) {
            throw new IOException(name + " " + Type.string(type) + ": " + Rcode.string(reply.getRcode()));
        }
        return reply;
    }

    private static InetAddress addressOf(Message m, Name target) {
        for (int s : new int[] {Section.ANSWER, Section.ADDITIONAL}) {
            for (Record r : m.getSection(s)) {
                if (r instanceof ARecord a && a.getName().equals(target)) {
                    return a.getAddress();
                }
            }
        }
        return null;
    }
}
