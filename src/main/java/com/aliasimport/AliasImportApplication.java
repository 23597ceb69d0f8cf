package com.aliasimport;

import com.aliasimport.cli.FullDisk;
import com.aliasimport.cli.HelpWithoutSpring;
import com.aliasimport.cli.LogFile;
import com.aliasimport.cli.QuietLogging;
import com.aliasimport.exit.ExitCodes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * alias-import's entry point: help and versions are answered at once ({@link HelpWithoutSpring}); every other
 * command starts the application context, whose command-line runner hands the arguments to picocli. The packages
 * and the row lifecycle: {@code package-info.java} and the README.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AliasImportApplication {

    public static void main(String[] args) {
        Integer answered = HelpWithoutSpring.answer(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        if (answered != null) {
            System.exit(answered);
            return;
        }
        ConfigurableApplicationContext context;
        try {
            SpringApplication application = new SpringApplication(AliasImportApplication.class);
            application.addListeners(new QuietLogging());
            context = application.run(args);
        } catch (RuntimeException e) {
            var full = FullDisk.atStartUp(e);
            if (full.isPresent()) {
                System.err.println("error: " + full.get());
                System.exit(ExitCodes.RUN_FAILED);
                return;
            }
            // The console log is off (cron mails any output), so a start-up failure such as an unreachable
            // database would otherwise exit without a word. Nothing was sent; the same command can be run again.
            String message = "alias-import could not start: " + rootCause(e) + " (details in the log file "
                    + LogFile.path() + ")";
            if (Arrays.asList(args).contains("--json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("event", "error");
                json.put("exitCode", ExitCodes.RUN_FAILED);
                json.put("kind", "start-up");
                json.put("message", message);
                System.out.println(JsonMapper.builder().build().writeValueAsString(json));
            }
            System.err.println("error: " + message);
            System.exit(ExitCodes.RUN_FAILED);
            return;
        }
        System.exit(SpringApplication.exit(context));
    }

    /** The innermost database error if there is one (it names the host and port), else the root cause. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        Throwable database = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof java.sql.SQLException) {
                database = t;
            }
        }
        if (database != null) {
            root = database;
        }
        String message = root.getMessage();
        return message == null
                ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }
}
