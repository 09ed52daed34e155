package net.voicegslb.gslb.deploy.it.gslb;

import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_A;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.CLIENT_B;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.FRA_1;
import static net.voicegslb.gslb.deploy.it.gslb.LabPlan.NYC_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.voicegslb.gslb.deploy.it.support.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The NOC dashboard in Debian's headless Chromium against the GSLB lab (real agents, SIPp nodes,
 * {@code gslb dns}): an operator logs in, sees every site, finds a client network in the heat map
 * and opens its decision explained, sees the last hour in charts, drains a site after
 * its preview and watches the answers move with {@code dig}, undrains, sees a killed site turn DOWN
 * in the open page without a reload, and logs out; a viewer sees the same but cannot act; an action
 * with the session cookie but without the CSRF token is refused. Screenshots of each view land in
 * {@code target/screenshots} (the README shows them).
 */
class DashboardBrowserIT {

    @RegisterExtension
    static final GslbLabExtension LAB = new GslbLabExtension(Duration.ofSeconds(2));

    private static final String OPERATOR = "otto";
    private static final String OPERATOR_PASSWORD = "lab-operator-password";
    private static final String VIEWER = "vera";
    private static final String VIEWER_PASSWORD = "lab-viewer-password";
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final Duration PAGE = Duration.ofSeconds(10);
    /** The history is sampled every 10 s and the page polls it every 10 s. */
    private static final Duration HISTORY = Duration.ofSeconds(35);
    /** What the issue promises: a dead site is DOWN in an open page within 5 s, with no reload. */
    private static final Duration KILL_TO_PAGE = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String base() {
        return "http://127.0.0.1:" + LAB.lab().dns().adminPort();
    }

    private static void login(Browser b, String user, String password) {
        b.open(base() + "/ui/");
        b.await(PAGE, "the login page", d -> d.getCurrentUrl().endsWith("/ui/login"));
        b.find("#user").sendKeys(user);
        b.find("#password").sendKeys(password);
        b.find("#login").click();
        b.await(PAGE, "the dashboard after login", d -> d.getCurrentUrl().endsWith("/ui/"));
        b.await(PAGE, "the live stream connected", d -> d.findElement(By.id("live")).getText().equals("live"));
    }

    private static String health(Browser b, String site) {
        return b.attribute("tr[data-site='" + site + "'] > td.health", "data-health");
    }

    private static String adminState(Browser b, String site) {
        return b.attribute("tr[data-site='" + site + "'] > td.admin", "data-admin");
    }

    @Test
    void anOperatorSeesTheSitesExplainsDrainsWithAPreviewWatchesAKilledSiteAndLogsOut() throws Exception {
        LabDns dns = LAB.dns();
        dns.awaitA(CLIENT_A, List.of(FRA_1.address()), CONVERGE, LAB.api());
        dns.awaitA(CLIENT_B, List.of(NYC_1.address()), CONVERGE, LAB.api());
        try (Browser b = Browser.start()) {
            b.open(base() + "/ui/");
            b.await(PAGE, "redirected to the login page", d -> d.getCurrentUrl().endsWith("/ui/login"));
            b.screenshot("login");
            login(b, OPERATOR, OPERATOR_PASSWORD);

            // every site, healthy, with its nodes and SIP checks
            b.await(PAGE, "every site shown serving", d -> List.of("fra", "nyc", "sin").stream()
                    .allMatch(s -> List.of("UP", "DEGRADED").contains(health(b, s))));
            assertThat(b.text("#who")).isEqualTo("otto (operator)");
            assertThat(b.text("tr[data-site='fra']")).contains("fra-1", "udp", "ACTIVE", "last heartbeat");
            assertThat(b.text("#clock")).matches("server time \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(b.text("tr[data-node='fra-1']")).containsPattern(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, \\d+ (s|min) ago");
            b.screenshot("overview");

            // the heat map: clientA's network, answered with fra, with its queries counted on the DNS path
            for (int i = 0; i < 20; i++) {
                dns.a(CLIENT_A);
            }
            String row = "tr[data-prefix='" + CLIENT_A.prefix() + "']";
            b.await(HISTORY, "clientA's network in the heat map with its queries", d ->
                    "fra".equals(b.text(row + " .answered-site")) && b.text(row + " td") != null
                            && !b.text(row + " td").equals("0"));
            assertThat(b.text(row + " td[data-site='fra']")).startsWith("★ ");
            assertThat(b.attribute(row + " td[data-site='fra']", "class")).contains("answered");
            assertThat(b.attribute(row + " td[data-site='fra']", "title")).contains("fra: MOS ", "RTT ", " ms, jitter ", "loss ", "samples",
                    "measured ");
            b.screenshot("heatmap", "#heatmap");

            // a row opens the decision explained, as gslb explain prints it
            new Select(b.find("#explain-name")).selectByValue("sip.voip.example.test");
            new Select(b.find("#explain-type")).selectByVisibleText("A");
            b.click(row);
            b.await(PAGE, "the explanation of clientA's network", d -> d.findElement(By.id("explain-result")).getText()
                    .contains(FRA_1.address()));
            assertThat(b.script("return document.getElementById('explain-client').value;")).isEqualTo(CLIENT_A.prefix());
            b.screenshot("explain", "#explain-result");

            // the last hour: share of queries per site, drawn by uPlot from the server's history
            b.await(HISTORY, "the charts drawn", d -> !d.findElements(By.cssSelector("#chart-share .uplot")).isEmpty()
                    && !d.findElements(By.cssSelector("#chart-mos .uplot")).isEmpty());
            b.screenshot("charts", "#charts-section");

            // drain fra: the preview first, nothing changed; then apply and watch the answers move
            new Select(b.find("#action-site")).selectByValue("fra");
            new Select(b.find("#action-kind")).selectByValue("drain");
            b.find("#action-for").clear();
            b.find("#action-for").sendKeys("10m");
            b.find("#action-reason").sendKeys("browser drill");
            assertThat(b.find("#action-apply").isEnabled()).as("apply needs a preview first").isFalse();
            b.find("#action-preview").click();
            String preview = b.await(PAGE, "the preview", d -> {
                List<WebElement> p = d.findElements(By.id("preview-text"));
                return p.isEmpty() ? null : p.get(0).getText();
            });
            assertThat(preview).contains("Preview, nothing changed yet:").containsPattern(
                    "about \\d+ % of recent queries, go from fra to (nyc|sin)");
            assertThat(LabDns.addresses(dns.a(CLIENT_A))).containsExactly(FRA_1.address());
            assertThat(adminState(b, "fra")).isEqualTo("ACTIVE");
            b.screenshot("drain-preview", "#action-result");
            b.find("#action-apply").click();
            b.await(PAGE, "the drain done", d -> !d.findElements(By.id("action-done")).isEmpty());
            assertThat(b.text("#action-done")).startsWith("Done: fra ACTIVE → DRAIN until ").endsWith("by otto");
            org.awaitility.Awaitility.await("clientA answered without fra").atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        List<String> now = LabDns.addresses(dns.a(CLIENT_A));
                        return !now.isEmpty() && !now.contains(FRA_1.address());
                    });
            b.await(PAGE, "fra shown drained", d -> "DRAIN".equals(adminState(b, "fra")));
            assertThat(b.text("tr[data-site='fra'] > td.admin")).contains("by otto: browser drill", "until ");
            b.await(PAGE, "the drain in the event list", d -> d.findElement(By.id("events")).getText()
                    .contains("ACTIVE → DRAIN"));
            assertThat(b.text("#events")).contains("by otto: browser drill");
            b.screenshot("drained", "#events");

            // undrain: fra answers clientA again
            new Select(b.find("#action-kind")).selectByValue("undrain");
            b.find("#action-preview").click();
            b.await(PAGE, "the undrain preview", d -> d.findElement(By.id("action-apply")).isEnabled());
            b.find("#action-apply").click();
            b.await(PAGE, "the undrain done", d -> !d.findElements(By.id("action-done")).isEmpty()
                    && d.findElement(By.id("action-done")).getText().contains("DRAIN → ACTIVE"));
            dns.awaitA(CLIENT_A, List.of(FRA_1.address()), Duration.ofSeconds(10), LAB.api());
            b.await(PAGE, "fra shown active", d -> "ACTIVE".equals(adminState(b, "fra")));

            // nyc dies: the open page shows it DOWN within 5 s, without a reload
            b.script("window.gslbNotReloaded = true;");
            long killed = System.nanoTime();
            LAB.lab().agent(NYC_1.id()).kill();
            LAB.lab().sipp(NYC_1.id()).kill();
            b.await(KILL_TO_PAGE, "nyc shown DOWN within " + KILL_TO_PAGE.toSeconds() + " s of the kill",
                    d -> "DOWN".equals(health(b, "nyc")));
            long shownMillis = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("dashboard: nyc killed, shown DOWN in the open page after %d ms%n", shownMillis);
            assertThat(b.script("return window.gslbNotReloaded === true;")).as("no page reload").isEqualTo(true);
            assertThat(b.text("tr[data-site='nyc'] > td.health")).contains("DOWN");
            b.screenshot("site-down", "tr[data-site='nyc']");

            // log out: the session is gone, the dashboard asks for a login again
            b.find("#logout button").click();
            b.await(PAGE, "the login page after logout", d -> d.getCurrentUrl().endsWith("/ui/login?m=bye"));
            assertThat(b.find("#message").getText()).isEqualTo("Logged out.");
            b.open(base() + "/ui/");
            b.await(PAGE, "the login page again", d -> d.getCurrentUrl().endsWith("/ui/login"));
        }
    }

    @Test
    void aViewerSeesTheSitesButCannotActAndAForgedActionIsRefused() throws Exception {
        try (Browser b = Browser.start()) {
            login(b, VIEWER, VIEWER_PASSWORD);
            b.await(PAGE, "every site shown", d -> List.of("fra", "nyc", "sin").stream()
                    .allMatch(s -> health(b, s) != null));
            assertThat(b.text("#who")).isEqualTo("vera (viewer)");
            assertThat(b.find("#actions-section").isDisplayed()).as("no actions for a viewer").isFalse();
            b.screenshot("viewer");
            // usable at 1366x768: nothing wider than the window, so no sideways scrolling
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("page width at 1366x768").isEqualTo(true);
            // and on a large NOC screen
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(2560, 1440));
            b.await(HISTORY, "the heat map and the charts at the large size", d ->
                    b.text("#heatmap tbody tr") != null && !d.findElements(By.cssSelector("#chart-loss .uplot")).isEmpty()
                            && (Boolean) b.script("const c = document.getElementById('chart-share');"
                                    + " return Math.abs(c.querySelector('.uplot').offsetWidth - c.clientWidth) < 40;"));
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("page width at 2560x1440").isEqualTo(true);
            b.screenshot("noc-screen");

            // even with the page's own CSRF token, the server refuses the viewer's drain
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) b.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/v1/session').then(r => r.json()).then(s =>
                      fetch('/api/v1/sites/fra/drain?for=10m', {method: 'POST', headers: {'X-CSRF-Token': s.csrf}}))
                      .then(r => r.text().then(t => done({status: r.status, body: t})));
                    """);
            assertThat(((Number) r.get("status")).intValue()).isEqualTo(403);
            assertThat((String) r.get("body")).contains("role viewer may not change a site's state");
        }
        // an operator's cookie without the CSRF token, as a forged cross-site request would carry it
        try (Browser b = Browser.start()) {
            login(b, OPERATOR, OPERATOR_PASSWORD);
            Cookie session = b.driver().manage().getCookieNamed("gslb_session");
            assertThat(session).isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat(b.script("return document.cookie;")).as("script cannot read the session cookie")
                    .isEqualTo("");
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base()
                    + "/api/v1/sites/fra/disable?reason=forged")).header("Cookie", "gslb_session=" + session.getValue())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("CSRF");
            assertThat(LAB.api().status().getJsonArray("sites").stream()
                    .map(o -> ((io.vertx.core.json.JsonObject) o).getString("adminState"))).containsOnly("ACTIVE");
        }
    }

    /**
     * A NOC wall screen: the page keeps its memory and its element count flat while the server
     * pushes a status every second and the page polls the heat map and charts every 10 s. A day is
     * too long for a build; 90 s is 90 pushes and 9 polls, each of which replaces what it shows.
     */
    @Test
    void aPageLeftOpenKeepsItsMemoryAndElementsFlat() throws Exception {
        try (Browser b = Browser.start()) {
            login(b, VIEWER, VIEWER_PASSWORD);
            b.await(HISTORY, "the charts drawn", d -> !d.findElements(By.cssSelector("#chart-share .uplot")).isEmpty());
            // plain sleeps on purpose: a soak is time passing, not a condition to wait for
            Thread.sleep(10_000); // past the first poll: every view built once
            long[] before = b.heapAndNodes();
            long t0 = System.nanoTime();
            Thread.sleep(90_000);
            assertThat(b.text("#live")).isEqualTo("live");
            long[] after = b.heapAndNodes();
            System.out.printf("dashboard: after %d s open, JS heap %d -> %d KiB, elements %d -> %d%n",
                    (System.nanoTime() - t0) / 1_000_000_000L, before[0] / 1024, after[0] / 1024, before[1], after[1]);
            assertThat(after[1]).as("elements").isLessThanOrEqualTo(before[1] + 20);
            assertThat(after[0]).as("JS heap in bytes").isLessThanOrEqualTo(before[0] + before[0] / 5);
        }
    }
}
