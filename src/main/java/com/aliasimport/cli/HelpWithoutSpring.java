package com.aliasimport.cli;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.objenesis.ObjenesisStd;
import picocli.CommandLine;

/**
 * Answers {@code --help} and {@code --version} (of the tool or of any command) and {@code completion} before Spring
 * starts: they need the command model only, so they take a fraction of a second and touch no database, log or
 * file. The commands are built without their constructors (Objenesis, as Spring itself does for proxies): their
 * options are all help needs. Anything else, a parse error included, goes to the application as usual.
 */
public final class HelpWithoutSpring {

    private HelpWithoutSpring() {}

    /** Picocli's factory for the command model alone: classes with dependencies are allocated, not constructed. */
    private static final class ModelOnly implements CommandLine.IFactory {

        private final ObjenesisStd objenesis = new ObjenesisStd(true);
        private final CommandLine.IFactory picocli = CommandLine.defaultFactory();

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return picocli.create(type);
            } catch (Exception noUsableConstructor) {
                return objenesis.newInstance(type);
            }
        }
    }

    /**
     * The exit code when {@code args} only ask for help or a version (printed to {@code out}), else null: the
     * application must run.
     */
    public static Integer answer(String[] args, PrintWriter out) {
        boolean completion = args.length > 0 && args[0].equals("completion");
        if (!completion && List.of(args).stream().noneMatch(HelpWithoutSpring::asksForHelp)) {
            return null;
        }
        CommandLine cli = new CommandLine(AliasImportCommand.class, new ModelOnly())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setOut(out);
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            HelpDefaults.install(cli); // reads the configuration: only help shows it
        }
        if (completion) {
            return cli.execute(args);
        }
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                out.flush();
                return 0;
            }
        } catch (CommandLine.ParameterException e) {
            // Let the application say what is wrong, as it does for every other usage error.
        }
        return null;
    }

    private static boolean asksForHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
    }
}
