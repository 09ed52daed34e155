package net.voicegslb.gslb.dns.zone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The authoritative lookup of RFC 1034 section 4.3.2 over one zone, with the wildcard rules of
 * RFC 4592, negative answers per RFC 2308 and minimal ANY per RFC 8482. Pure: no I/O, no state,
 * so that it can be tested exhaustively and run once per distinct answer when answers are compiled.
 */
public final class ZoneLookup {

    /** CNAME chains longer than this are cut, as resolvers do, so a loop cannot run forever. */
    static final int MAX_CNAME_CHAIN = 8;

    private static final Name WILDCARD_LABEL = wildcardLabel();

    public LookupResult lookup(ZoneData zone, Name qname, int qtype) {
        if (!qname.subdomain(zone.origin())) {
            return new LookupResult(LookupResult.Outcome.REFUSED, Rcode.REFUSED, false,
                    List.of(), List.of(), List.of(), false);
        }
        List<Record> answer = new ArrayList<>();
        Set<Name> seen = new HashSet<>();
        Name name = qname;
        boolean synthesized = false;
        for (int hop = 0; ; hop++) {
            Name cut = delegationAbove(zone, name, qtype);
            if (cut != null) {
                return referral(zone, cut, answer);
            }
            Map<Integer, RrSet> node = zone.node(name);
            Name owner = name;
            boolean viaWildcard = false;
            if (!zone.exists(name)) {
                Name source = wildcardSource(zone, name);
                if (source == null) {
                    return negative(zone, Rcode.NXDOMAIN, answer);
                }
                node = zone.node(source);
                viaWildcard = true;
                synthesized = true;
            }
            if (qtype == Type.ANY) {
                RrSet one = minimalAny(node);
                if (one == null) {
                    return negative(zone, Rcode.NOERROR, answer);
                }
                answer.addAll(renamed(one, owner));
                return positive(zone, viaWildcard ? LookupResult.Outcome.WILDCARD
                        : answerOutcome(answer), answer, qtype);
            }
            RrSet wanted = node.get(qtype);
            if (wanted != null) {
                answer.addAll(renamed(wanted, owner));
                LookupResult.Outcome o = synthesized ? LookupResult.Outcome.WILDCARD : answerOutcome(answer);
                return positive(zone, o, answer, qtype);
            }
            RrSet cname = node.get(Type.CNAME);
            if (cname == null) {
                return negative(zone, Rcode.NOERROR, answer);
            }
            answer.addAll(renamed(cname, owner));
            Name target = ((CNAMERecord) cname.first()).getTarget();
            if (!seen.add(owner) || hop + 1 >= MAX_CNAME_CHAIN || !target.subdomain(zone.origin())
                    || seen.contains(target)) {
                // Out of the zone, or a loop: the resolver chases the rest itself.
                return positive(zone, LookupResult.Outcome.CNAME, answer, qtype);
            }
            name = target;
        }
    }

    private static LookupResult.Outcome answerOutcome(List<Record> answer) {
        return answer.size() > 0 && answer.get(0).getType() == Type.CNAME
                ? LookupResult.Outcome.CNAME : LookupResult.Outcome.ANSWER;
    }

    /**
     * The highest zone cut strictly below the apex at or above {@code name}. A DS question at
     * the cut itself belongs to the parent side (RFC 4035 section 3.1.4.1), so it is not a cut.
     */
    private static Name delegationAbove(ZoneData zone, Name name, int qtype) {
        int apexLabels = zone.origin().labels();
        for (int labels = apexLabels + 1; labels <= name.labels(); labels++) {
            Name candidate = labels == name.labels() ? name : new Name(name, name.labels() - labels);
            if (zone.rrSet(candidate, Type.NS) != null) {
                if (labels == name.labels() && qtype == Type.DS) {
                    return null;
                }
                return candidate;
            }
        }
        return null;
    }

    /**
     * RFC 4592 section 3.3.1: the source of synthesis is the wildcard child of the closest
     * encloser, and only that one; a closest encloser without it means the name does not exist.
     */
    private static Name wildcardSource(ZoneData zone, Name name) {
        Name encloser = name;
        while (!zone.exists(encloser)) {
            encloser = ZoneLoader.parent(encloser);
        }
        try {
            Name source = Name.concatenate(WILDCARD_LABEL, encloser);
            return zone.node(source).isEmpty() ? null : source;
        } catch (org.xbill.DNS.NameTooLongException e) {
            return null;
        }
    }

    /** RFC 8482: answer ANY with one RRset instead of all of them. */
    private static RrSet minimalAny(Map<Integer, RrSet> node) {
        RrSet cname = node.get(Type.CNAME);
        if (cname != null) {
            return cname;
        }
        for (int preferred : new int[] {Type.A, Type.AAAA, Type.SOA, Type.NS, Type.SRV, Type.NAPTR, Type.MX,
                Type.TXT}) {
            RrSet s = node.get(preferred);
            if (s != null) {
                return s;
            }
        }
        return node.values().stream().findFirst().orElse(null);
    }

    private static LookupResult positive(ZoneData zone, LookupResult.Outcome outcome, List<Record> answer,
            int qtype) {
        return new LookupResult(outcome, Rcode.NOERROR, true, answer, List.of(),
                additionalFor(zone, answer), false);
    }

    private static LookupResult negative(ZoneData zone, int rcode, List<Record> answer) {
        SOARecord soa = zone.soa();
        Record negSoa = new SOARecord(soa.getName(), soa.getDClass(), zone.negativeTtl(), soa.getHost(),
                soa.getAdmin(), soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(),
                soa.getMinimum());
        LookupResult.Outcome o = rcode == Rcode.NXDOMAIN ? LookupResult.Outcome.NXDOMAIN
                : LookupResult.Outcome.NODATA;
        return new LookupResult(o, rcode, true, answer, List.of(negSoa), List.of(), false);
    }

    /**
     * A referral to the child zone at {@code cut}. After a CNAME chain (RFC 1034 4.3.2 step 3b) the
     * CNAMEs stay in the answer, which is ours and so authoritative, and the referral follows.
     */
    private static LookupResult referral(ZoneData zone, Name cut, List<Record> answer) {
        RrSet ns = zone.rrSet(cut, Type.NS);
        List<Record> glue = new ArrayList<>();
        for (Record r : ns.records()) {
            addAddresses(zone, ((NSRecord) r).getTarget(), glue);
        }
        boolean afterCname = !answer.isEmpty();
        return new LookupResult(afterCname ? LookupResult.Outcome.CNAME : LookupResult.Outcome.REFERRAL,
                Rcode.NOERROR, afterCname, answer, ns.records(), glue, !glue.isEmpty());
    }

    /** Addresses of the names that NS, MX, SRV and NAPTR answers point to, when the zone has them. */
    private static List<Record> additionalFor(ZoneData zone, List<Record> answer) {
        Set<Name> targets = new LinkedHashSet<>();
        List<Record> extra = new ArrayList<>();
        for (Record r : answer) {
            if (r instanceof NSRecord ns) {
                targets.add(ns.getTarget());
            } else if (r instanceof MXRecord mx) {
                targets.add(mx.getTarget());
            } else if (r instanceof SRVRecord srv) {
                targets.add(srv.getTarget());
            } else if (r instanceof NAPTRRecord naptr && !naptr.getReplacement().equals(Name.root)) {
                // RFC 3403 section 4.2: the SRV records the replacement names, then their addresses.
                RrSet srv = zone.rrSet(naptr.getReplacement(), Type.SRV);
                if (srv != null && !sameAsAnswer(answer, srv)) {
                    extra.addAll(srv.records());
                    srv.records().forEach(s -> targets.add(((SRVRecord) s).getTarget()));
                }
            }
        }
        for (Name t : targets) {
            if (t.subdomain(zone.origin())) {
                addAddresses(zone, t, extra);
            }
        }
        return extra;
    }

    private static boolean sameAsAnswer(List<Record> answer, RrSet set) {
        return answer.stream().anyMatch(a -> a.getName().equals(set.name()) && a.getType() == set.type());
    }

    private static void addAddresses(ZoneData zone, Name target, List<Record> out) {
        for (int type : new int[] {Type.A, Type.AAAA}) {
            RrSet s = zone.rrSet(target, type);
            if (s != null) {
                out.addAll(s.records());
            }
        }
    }

    private static List<Record> renamed(RrSet set, Name owner) {
        if (set.name().equals(owner)) {
            return set.records();
        }
        List<Record> out = new ArrayList<>(set.records().size());
        for (Record r : set.records()) {
            out.add(r.withName(owner));
        }
        return out;
    }

    private static Name wildcardLabel() {
        try {
            return Name.fromString("*");
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
