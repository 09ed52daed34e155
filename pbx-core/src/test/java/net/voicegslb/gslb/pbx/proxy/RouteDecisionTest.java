package net.voicegslb.gslb.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.voicegslb.gslb.pbx.codec.SipUri;
import net.voicegslb.gslb.pbx.proxy.RouteDecision.Kind;
import org.junit.jupiter.api.Test;

/**
 * The routing rules of RFC 3261 16.4 and 16.12 with the RFC's own examples (16.12.1: U1 -> P1 ->
 * P2 -> P3 -> U2, with P2 a strict router in 16.12.1.2), played from the position of the proxy
 * under test, and the refusals that make the proxy no open relay.
 */
class RouteDecisionTest {

    /** We are p1.example.com (and the service name voip.example.test, and 192.0.2.1:5060). */
    private final LocalAddresses us = new LocalAddresses("p1.example.com", 5060,
            List.of(new InetSocketAddress("192.0.2.1", 5060)), List.of("voip.example.test", "*.voip.example.test"));
    private final String stamp = ";" + RouteStamp.PARAM + "=r.1.00";

    private RouteDecision decide(String ruri, boolean inDialog, String... routes) throws Exception {
        List<SipUri> rs = new ArrayList<>();
        for (String r : routes) {
            rs.add(SipUri.parse(r));
        }
        return RouteDecision.decide(SipUri.parse(ruri), rs, inDialog, us::isUs);
    }

    @Test
    void anInitialRequestWithoutRoutesIsRoutedByItsRequestUri() throws Exception {
        RouteDecision d = decide("sip:callee@domain.com", false);
        assertThat(d.kind()).isEqualTo(Kind.LOCAL);
        assertThat(d.requestUri().text()).isEqualTo("sip:callee@domain.com");
        assertThat(d.dropFirstRoute()).isFalse();
    }

    @Test
    void aPreloadedRouteNamingUsIsRemovedAndTheRequestRoutedLocally() throws Exception {
        // 16.12.1.1 at P1 for the initial request: the UA's outbound proxy route
        for (String route : List.of("sip:p1.example.com;lr", "sip:voip.example.test;transport=udp;lr",
                "sip:acme.voip.example.test;lr", "sip:192.0.2.1;lr", "sip:192.0.2.1:5060;lr")) {
            RouteDecision d = decide("sip:callee@domain.com", false, route);
            assertThat(d.kind()).as(route).isEqualTo(Kind.LOCAL);
            assertThat(d.dropFirstRoute()).as(route).isTrue();
        }
    }

    @Test
    void aStrictRouterPutsUsInTheRequestUriAndTheTargetLastInRoute() throws Exception {
        // 16.12.1.2 at P3 (played by us): the previous hop, a strict router, sent
        // INVITE sip:p3.middle.com (here: our name) with Route: <sip:u2.domain.com>
        RouteDecision d = decide("sip:voip.example.test;transport=udp", false, "sip:callee@u2.domain.com");
        assertThat(d.kind()).isEqualTo(Kind.LOCAL);
        assertThat(d.requestUri().text()).isEqualTo("sip:callee@u2.domain.com");
        assertThat(d.dropLastRoute()).isTrue();
        assertThat(d.dropFirstRoute()).isFalse();
    }

    @Test
    void anInDialogRequestAlongOurStampedRouteGoesToTheNextRoute() throws Exception {
        // 16.12.1.1 subsequent request at P1: Route: <sip:p1;lr>,<sip:p2;lr>, R-URI = U2's contact
        RouteDecision d = decide("sip:callee@u2.domain.com", true, "sip:p1.example.com" + stamp + ";lr",
                "sip:p2.domain.com;lr");
        assertThat(d.kind()).isEqualTo(Kind.IN_DIALOG);
        assertThat(d.nextRoute().text()).isEqualTo("sip:p2.domain.com;lr");
        assertThat(RouteStamp.of(d.ourRoute())).isEqualTo("r.1.00");
        RouteDecision last = decide("sip:callee@u2.domain.com", true, "sip:192.0.2.1" + stamp + ";lr");
        assertThat(last.kind()).isEqualTo(Kind.IN_DIALOG);
        assertThat(last.nextRoute()).as("next hop is the Request-URI").isNull();
    }

    @Test
    void anInDialogRequestFromAStrictRouterCarriesOurStampInTheRequestUri() throws Exception {
        RouteDecision d = decide("sip:192.0.2.1" + stamp, true, "sip:p3.middle.com;lr", "sip:callee@u2.domain.com");
        assertThat(d.kind()).isEqualTo(Kind.IN_DIALOG);
        assertThat(d.requestUri().text()).isEqualTo("sip:callee@u2.domain.com");
        assertThat(d.nextRoute().text()).isEqualTo("sip:p3.middle.com;lr");
        assertThat(d.dropLastRoute()).isTrue();
    }

    @Test
    void aRouteToAnotherHostOutsideOurDialogsIsRefused() throws Exception {
        assertThat(decide("sip:victim@203.0.113.9", false, "sip:203.0.113.9;lr").reason())
                .isEqualTo(RouteDecision.FOREIGN_ROUTE);
        assertThat(decide("sip:victim@203.0.113.9", false, "sip:voip.example.test;lr", "sip:203.0.113.9;lr").kind())
                .as("our name first, then elsewhere").isEqualTo(Kind.REFUSE);
        assertThat(decide("sip:victim@203.0.113.9", false, "sip:192.0.2.1:5070;lr").kind())
                .as("our address, another port").isEqualTo(Kind.REFUSE);
        assertThat(decide("sip:victim@203.0.113.9", true, "sip:p1.example.com" + stamp + ";lr").kind())
                .as("stamp shape checked later; in-dialog").isEqualTo(Kind.IN_DIALOG);
    }

    @Test
    void inDialogRequestsThatDidNotComeThroughOurRouteAreRefused() throws Exception {
        assertThat(decide("sip:callee@127.0.0.9:5099", true).reason()).isEqualTo(RouteDecision.NOT_OUR_DIALOG);
        assertThat(decide("sip:callee@127.0.0.9:5099", true, "sip:p1.example.com;lr").reason())
                .as("our name but no stamp").isEqualTo(RouteDecision.NOT_OUR_DIALOG);
        assertThat(decide("sip:callee@127.0.0.9", false, "sip:p1.example.com" + stamp + ";lr").reason())
                .as("a stamped route on a new request").isEqualTo(RouteDecision.STAMP_OUTSIDE_DIALOG);
    }

    @Test
    void bothOfOurStampedRoutesOfACallThatChangesTransportAreRemoved() throws Exception {
        // RFC 5658 double Record-Route: TLS towards one side, UDP towards the other
        RouteDecision d = decide("sip:caller@198.51.100.7:5060", true, "sip:p1.example.com:5061;transport=tls" + stamp
                + ";lr", "sip:p1.example.com" + stamp + ";lr");
        assertThat(d.kind()).isEqualTo(Kind.IN_DIALOG);
        assertThat(d.routesToDrop()).isEqualTo(2);
        assertThat(d.nextRoute()).isNull();
        // one of ours followed by someone else's: only ours goes
        RouteDecision next = decide("sip:caller@198.51.100.7", true, "sip:p1.example.com" + stamp + ";lr",
                "sip:p2.example.net;lr");
        assertThat(next.routesToDrop()).isEqualTo(1);
        assertThat(next.nextRoute().host()).isEqualTo("p2.example.net");
    }
}
