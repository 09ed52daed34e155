package net.voicegslb.gslb.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.voicegslb.gslb.policy.config.ConfigException;
import net.voicegslb.gslb.pbx.config.PbxConfig;
import net.voicegslb.gslb.pbx.config.PbxConfigLoader;
import net.voicegslb.gslb.pbx.config.TenantConfig;
import net.voicegslb.gslb.pbx.store.Ha1;
import net.voicegslb.gslb.pbx.store.PbxStore;
import net.voicegslb.gslb.pbx.store.UserCredentials;
import net.voicegslb.gslb.pbx.store.UsersCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gslb pbx user add|remove|list}: users in the node's H2 store (only HA1 hashes are kept).
 * The store is an embedded file that one process holds at a time: run these while the node is
 * stopped; a running node reads the store again every 10 s only for changes made through it.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage a tenant's users in the node's store (stop the node first).",
        subcommands = {PbxUserCommand.Add.class, PbxUserCommand.Remove.class, PbxUserCommand.ListUsers.class})
final class PbxUserCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("gslb pbx user: add, remove or list (see --help)");
    }

    abstract static class StoreCommand implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the node's YAML config")
        Path config;

        @Option(names = "--tenant", required = true, paramLabel = "DOMAIN", description = "the tenant's SIP domain")
        String tenant;

        @Override
        public Integer call() throws Exception {
            PbxConfig cfg;
            try {
                cfg = new PbxConfigLoader().load(config);
            } catch (ConfigException e) {
                System.err.println("gslb pbx user: configuration is not valid:\n" + e.getMessage());
                return ExitCodes.CONFIG;
            }
            TenantConfig t = cfg.tenants().stream().filter(x -> x.domain().equalsIgnoreCase(tenant)).findFirst()
                    .orElse(null);
            if (t == null) {
                System.err.println("gslb pbx user: tenant " + tenant + " is not in " + config);
                return ExitCodes.USAGE;
            }
            PbxStore store;
            try {
                store = PbxStore.openFile(cfg.storePath());
            } catch (RuntimeException e) {
                System.err.println("gslb pbx user: cannot open the store " + cfg.storePath() + " (is the node running?): "
                        + PbxCommand.rootMessage(e));
                return ExitCodes.FAILED;
            }
            store.upsertTenant(t.domain(), t.authRequired());
            return apply(store, t.domain());
        }

        abstract int apply(PbxStore store, String domain) throws IOException;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add or replace users: one with --user and its password on stdin,",
                "or many from --csv (user;password per line, SIPp injection file format)."})
    static final class Add extends StoreCommand {
        @Option(names = "--user", paramLabel = "NAME") String user;
        @Option(names = "--password-stdin", description = "read the password from the first line of stdin")
        boolean passwordStdin;
        @Option(names = "--csv", paramLabel = "FILE") Path csv;

        @Override
        int apply(PbxStore store, String domain) throws IOException {
            List<UserCredentials> users;
            if (csv != null) {
                users = UsersCsv.read(csv, domain);
            } else if (user != null && passwordStdin) {
                String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (password == null || password.length() < 4) {
                    System.err.println("gslb pbx user add: a password of at least 4 characters is expected on stdin");
                    return ExitCodes.USAGE;
                }
                users = List.of(Ha1.of(domain, user, password));
            } else {
                System.err.println("gslb pbx user add: give --user NAME --password-stdin, or --csv FILE");
                return ExitCodes.USAGE;
            }
            store.putUsers(users);
            System.out.println(users.size() + " user(s) stored for " + domain);
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
    static final class Remove extends StoreCommand {
        @Option(names = "--user", required = true, paramLabel = "NAME") String user;

        @Override
        int apply(PbxStore store, String domain) {
            if (!store.deleteUser(domain, user)) {
                System.err.println("gslb pbx user remove: no user " + user + " in " + domain);
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's user names.")
    static final class ListUsers extends StoreCommand {
        @Override
        int apply(PbxStore store, String domain) {
            store.usernames(domain).forEach(System.out::println);
            return ExitCodes.OK;
        }
    }
}
