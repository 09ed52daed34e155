package net.voicegslb.gslb.deploy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.policy.admin.AdminAction;
import net.voicegslb.gslb.policy.explain.HumanTime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gslb site drain|undrain|disable|enable SITE}: an operator's action on a running server,
 * through {@code POST /api/v1/sites/SITE/ACTION} on its admin listener, or with {@code --preview}
 * what it would move, without doing it.
 */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = {"Drain (until a time), undrain, disable or enable a site on the running 'gslb dns', or with"
                + " --preview show what that would move first: which client networks would go from which site to"
                + " which, and the load the receiving sites would then carry.",
            "A drain keeps the site for callers only when no active site is up, and ends by itself; disable takes"
                + " the site out entirely. Taking the last active serving site of a service out is refused unless"
                + " --force. Every action is kept in the event history with who did it and why, and survives a"
                + " restart of the server."},
        footer = {"", "Examples:",
            "  gslb site drain nyc --for 30m --reason 'kernel update' --preview",
            "  gslb site drain nyc --until 2026-12-03T22:00:00Z --reason 'kernel update'",
            "  gslb site undrain nyc",
            "  gslb site disable sin --reason 'fibre cut' --force"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (or previewed)",
            "1:the server said no: unknown site, bad time, last active site without --force, token refused",
            "2:bad command-line flags",
            "3:config problem: the config, the admin listener in it, or the token file",
            "4:no server answers on the admin address"})
final class SiteCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "drain, undrain, disable or enable")
    String action;

    @Parameters(index = "1", paramLabel = "SITE", description = "the site's id, as in the config")
    String site;

    @Option(names = "--until", paramLabel = "TIME", description = "end of a drain, ISO-8601 UTC: 2026-12-03T22:00:00Z")
    String until;

    @Option(names = "--for", paramLabel = "DURATION", description = "length of a drain: 30m, 2h, 1d")
    String forDuration;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the event history")
    String reason;

    @Option(names = "--force", description = "allow taking the last active serving site of a service out")
    boolean force;

    @Option(names = "--preview", description = "show what would move; change nothing")
    boolean preview;

    @Option(names = "--json", description = "print the server's JSON answer")
    boolean json;

    @CommandLine.Mixin
    AdminConnection connection;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (AdminAction.ofWord(action) == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "ACTION: '" + action
                    + "' is not one of drain, undrain, disable, enable");
        }
        if (until != null && forDuration != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --until or --for, not both");
        }
        AdminConnection.Target target;
        try {
            target = connection.resolve(spec, "gslb site");
        } catch (AdminConnection.Failure f) {
            err.println(f.getMessage());
            return f.exitCode;
        }
        HttpResponse<String> response;
        try {
            response = target.send(HttpRequest.newBuilder(uri(target.base())).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        } catch (IOException e) {
            err.println("gslb site: no server answers on " + target.base() + ": " + e);
            return ExitCodes.START;
        }
        if (response.statusCode() == 401) {
            err.println("gslb site: " + target.base() + " refused the admin token from " + target.tokenPath());
            return ExitCodes.FAILED;
        }
        JsonObject body;
        try {
            body = new JsonObject(response.body());
        } catch (DecodeException e) {
            err.println("gslb site: " + response.statusCode() + " " + response.body());
            return ExitCodes.FAILED;
        }
        if (json) {
            out.println(body.encodePrettily());
        } else if (response.statusCode() == 200) {
            out.println(preview ? previewText(body.getJsonObject("preview")) : changeText(body.getJsonObject("change")));
        }
        if (response.statusCode() != 200) {
            err.println("gslb site: " + body.getString("error", response.body())
                    + (response.statusCode() == 409 ? " (--force)" : ""));
            return ExitCodes.FAILED;
        }
        out.flush();
        return ExitCodes.OK;
    }

    private URI uri(URI base) {
        List<String> query = new ArrayList<>();
        if (until != null) {
            query.add("until=" + enc(until));
        }
        if (forDuration != null) {
            query.add("for=" + enc(forDuration));
        }
        if (reason != null) {
            query.add("reason=" + enc(reason));
        }
        if (force) {
            query.add("force=true");
        }
        return URI.create(base + "/api/v1/sites/" + enc(site) + "/" + enc(action) + (preview ? "/preview" : "")
                + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    }

    static String changeText(JsonObject c) {
        long now = System.currentTimeMillis();
        StringBuilder b = new StringBuilder(c.getString("site")).append(": ").append(c.getString("from"))
                .append(" -> ").append(c.getString("to"));
        String until = c.getString("until");
        if (until != null) {
            b.append(" until ").append(HumanTime.instant(Instant.parse(until).toEpochMilli(), now));
        }
        b.append(", by ").append(c.getString("by"));
        if (!c.getString("reason", "").isEmpty()) {
            b.append(": ").append(c.getString("reason"));
        }
        if (c.getBoolean("forced", false)) {
            b.append(" (forced: it was the last active site of a service)");
        }
        return b.toString();
    }

    static String previewText(JsonObject p) {
        return "preview of " + p.getString("action") + " " + p.getString("site") + " (" + p.getString("from") + " -> "
                + p.getString("to") + "), nothing changed:\n" + p.getString("summary");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
