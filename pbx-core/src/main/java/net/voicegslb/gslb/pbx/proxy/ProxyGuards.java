package net.voicegslb.gslb.pbx.proxy;

/**
 * What keeps the proxy from being an open relay and its media relay from being exhausted: who may
 * start a dialog ({@link CallerAdmission}), the stamp on our Record-Route that in-dialog requests
 * must carry back ({@link RouteStamp}), the bounded table of our dialogs with its per-source
 * quotas ({@link Dialogs}), and the counter of what was turned away ({@link ProxyRefusals}).
 */
public record ProxyGuards(CallerAdmission admission, RouteStamp stamp, Dialogs dialogs, ProxyRefusals refusals) {}
