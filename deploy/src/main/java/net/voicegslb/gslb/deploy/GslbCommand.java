package net.voicegslb.gslb.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gslb} launcher: one entry point, one subcommand per process kind. */
@Command(
        name = "gslb",
        mixinStandardHelpOptions = true,
        versionProvider = GslbVersion.class,
        description = "Voice GSLB: smart-DNS global server load balancing for hosted VoIP.",
        subcommands = {
            DnsCommand.class,
            CheckConfigCommand.class,
            ReloadCommand.class,
            ExplainCommand.class,
            SiteCommand.class,
            PasswdCommand.class,
            RtpCommand.class,
            PbxCommand.class,
            DemoCommand.class,
            AgentCommand.class,
            CommandLine.HelpCommand.class
        })
public final class GslbCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GslbCommand()).execute(args));
    }
}
