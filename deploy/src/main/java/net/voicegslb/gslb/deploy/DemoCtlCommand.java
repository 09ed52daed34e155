package net.voicegslb.gslb.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.deploy.demo.DemoFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gslb demo ctl}: faults and status of a running demo, over its authenticated control channel. */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Inject faults into a running 'gslb demo' and read its status.",
            "  impair NETWORK SITE [--delay MS] [--jitter MS] [--loss PCT]   change one path (one way, both directions)",
            "  clear                                                        every path back to its baseline",
            "  kill SITE                                                    stop the site's nodes at once",
            "  restore SITE                                                 start them again",
            "  status                                                       the demo's table",
            "NETWORK: eu, na, ap. SITE: fra, nyc, sin."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the demo refused it (unknown network or site, bad value, wrong token)",
            "2:bad command-line flags",
            "4:no demo runs with this work directory"})
final class DemoCtlCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--workdir", defaultValue = "gslb-demo", paramLabel = "DIR",
            description = "the running demo's work directory (default: ${DEFAULT-VALUE})")
    Path workdir;

    @Option(names = "--delay", paramLabel = "MS", description = "impair: one-way delay in ms")
    Double delay;

    @Option(names = "--jitter", paramLabel = "MS", description = "impair: jitter in ms (uniform +/-)")
    Double jitter;

    @Option(names = "--loss", paramLabel = "PCT", description = "impair: random loss in percent")
    Double loss;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "impair, clear, kill, restore or status, and its arguments")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String command = words.get(0);
        List<String> args = words.subList(1, words.size());
        String path;
        boolean post = true;
        switch (command) {
            case "impair" -> {
                expect(args, 2, "impair NETWORK SITE [--delay MS] [--jitter MS] [--loss PCT]");
                if (delay == null && jitter == null && loss == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "impair: give at least one of --delay, --jitter, --loss");
                }
                path = "/impair?network=" + enc(args.get(0)) + "&site=" + enc(args.get(1))
                        + (delay == null ? "" : "&delay=" + delay) + (jitter == null ? "" : "&jitter=" + jitter)
                        + (loss == null ? "" : "&loss=" + loss);
            }
            case "clear" -> {
                expect(args, 0, "clear");
                path = "/clear";
            }
            case "kill", "restore" -> {
                expect(args, 1, command + " SITE");
                path = "/" + command + "?site=" + enc(args.get(0));
            }
            case "status" -> {
                expect(args, 0, "status");
                path = "/status";
                post = false;
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown command '" + command + "' (impair, clear, kill, restore, status)");
        }
        DemoFiles files = new DemoFiles(workdir);
        String address;
        String token;
        try {
            address = Files.readString(files.controlAddressFile(), StandardCharsets.UTF_8).strip();
            token = Files.readString(files.controlToken(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            err.println("gslb demo ctl: no demo runs with work directory " + files.dir()
                    + " (" + e.getMessage() + "); start one with ./gslb demo, or pass its --workdir");
            return ExitCodes.START;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("gslb demo ctl: the demo of " + files.dir() + " does not answer on " + address + ": " + e);
            return ExitCodes.START;
        }
        if (response.statusCode() == 200) {
            out.print(response.body());
            out.flush();
            return ExitCodes.OK;
        }
        err.print("gslb demo ctl: " + response.body());
        err.flush();
        return ExitCodes.FAILED;
    }

    private void expect(List<String> args, int n, String usage) {
        if (args.size() != n) {
            throw new CommandLine.ParameterException(spec.commandLine(), "usage: gslb demo ctl " + usage);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
