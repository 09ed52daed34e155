package net.voicegslb.gslb.pbx.proxy;

import java.util.List;
import java.util.function.Predicate;
import net.voicegslb.gslb.pbx.codec.SipUri;

/**
 * What the proxy does with a request's Request-URI and Route set (RFC 3261 16.4), decided
 * without I/O:
 * <ul>
 *   <li>a Request-URI that is one of our names without a user, with a Route set, came from a
 *       strict router: the last Route value becomes the Request-URI (16.4, first paragraph);
 *   <li>a top Route naming us is removed (loose routing, 16.4 and 16.12);
 *   <li>if the Route we removed carries our stamp, the request is {@link Kind#IN_DIALOG}: it goes
 *       to the next Route, or the Request-URI (the caller still checks the stamp);
 *   <li>any other Route left asks us to relay elsewhere without a dialog of ours, and an
 *       in-dialog request (To tag) that did not come through our Route is not ours either:
 *       {@link Kind#REFUSE};
 *   <li>otherwise the request is {@link Kind#LOCAL}: routed by its Request-URI to a user we serve
 *       (a pre-loaded Route naming us, as phones with an outbound proxy send, lands here).
 * </ul>
 *
 * @param requestUri the Request-URI to route by (after the strict-routing swap)
 * @param ourRoute the URI of ours that was removed (Route or strict Request-URI), or null
 * @param dropFirstRoute remove the top Route value when forwarding
 * @param dropLastRoute remove the last Route value (it became the Request-URI)
 * @param nextRoute where an in-dialog request goes next (null: the Request-URI)
 * @param reason why a request is refused, null otherwise
 * @param dropSecondRoute also remove the second Route value: the other of the two stamped
 *        Record-Routes we write when a call changes transport (RFC 5658 double Record-Route,
 *        e.g. TLS on one side and UDP on the other)
 */
public record RouteDecision(Kind kind, SipUri requestUri, SipUri ourRoute, boolean dropFirstRoute,
        boolean dropLastRoute, SipUri nextRoute, String reason, boolean dropSecondRoute) {

    public enum Kind { LOCAL, IN_DIALOG, REFUSE }

    public static final String FOREIGN_ROUTE = "Route names another host";
    public static final String NOT_OUR_DIALOG = "not a dialog of this proxy";
    public static final String STAMP_OUTSIDE_DIALOG = "a dialog route on a request outside a dialog";

    /** Route values to remove from the top when forwarding: ours, one or (double Record-Route) two. */
    public int routesToDrop() {
        return (dropFirstRoute ? 1 : 0) + (dropSecondRoute ? 1 : 0);
    }

    public static RouteDecision decide(SipUri requestUri, List<SipUri> routes, boolean inDialog,
            Predicate<SipUri> self) {
        SipUri ruri = requestUri;
        List<SipUri> rest = routes;
        SipUri ours = null;
        boolean dropLast = false;
        if (!rest.isEmpty() && self.test(ruri) && (ruri.user() == null || ruri.user().isEmpty())) {
            ours = ruri;
            ruri = rest.get(rest.size() - 1);
            rest = rest.subList(0, rest.size() - 1);
            dropLast = true;
        }
        boolean dropFirst = false;
        if (!rest.isEmpty() && self.test(rest.get(0))) {
            if (ours == null || RouteStamp.of(ours) == null) {
                ours = rest.get(0);
            }
            rest = rest.subList(1, rest.size());
            dropFirst = true;
        }
        boolean dropSecond = false;
        if (dropFirst && RouteStamp.of(ours) != null && !rest.isEmpty() && !dropLast && self.test(rest.get(0))
                && RouteStamp.of(rest.get(0)) != null) {
            rest = rest.subList(1, rest.size());
            dropSecond = true;
        }
        SipUri next = rest.isEmpty() ? null : rest.get(0);
        if (ours != null && RouteStamp.of(ours) != null) {
            if (!inDialog) {
                return refuse(ruri, STAMP_OUTSIDE_DIALOG);
            }
            return new RouteDecision(Kind.IN_DIALOG, ruri, ours, dropFirst, dropLast, next, null, dropSecond);
        }
        if (next != null) {
            return refuse(ruri, FOREIGN_ROUTE);
        }
        if (inDialog) {
            return refuse(ruri, NOT_OUR_DIALOG);
        }
        return new RouteDecision(Kind.LOCAL, ruri, ours, dropFirst, dropLast, null, null, false);
    }

    private static RouteDecision refuse(SipUri ruri, String reason) {
        return new RouteDecision(Kind.REFUSE, ruri, null, false, false, null, reason, false);
    }
}
