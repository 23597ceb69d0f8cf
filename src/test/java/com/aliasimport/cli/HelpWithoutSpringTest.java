package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help and versions are answered from the command model alone: no Spring, no database, no files. */
class HelpWithoutSpringTest {

    @TempDir
    Path empty;

    @TempDir
    Path console;

    private static String answered(String... args) {
        StringWriter out = new StringWriter();
        Integer code = HelpWithoutSpring.answer(args, new PrintWriter(out, true));
        assertThat(code).as("answered without the application").isZero();
        return out.toString();
    }

    @Test
    void everyCommandsHelpAndTheVersionAreAnsweredFromTheModel() {
        assertThat(answered("--help"))
                .contains("Usage: alias-import")
                .contains("anonymize-check")
                .contains("purge");
        assertThat(answered("import", "--help"))
                .contains("--dry-run")
                .contains("--rate")
                .contains("--delimiter");
        assertThat(answered("import", "--help").replaceAll("\\s+", " "))
                .as("the settings' defaults, from AliasImportProperties")
                .contains("Default: 20 (alias-import.")
                .contains("(default 128)")
                .contains("(default 200, alias-import.")
                .contains("default: a comma")
                .doesNotContain("null");
        assertThat(answered("anonymize-check", "-h")).contains("--output").contains("--map");
        assertThat(answered("purge", "--help")).contains("--older-than");
        assertThat(answered("--version")).startsWith("alias-import ");
    }

    @Test
    void completionPrintsAScriptThatKnowsEveryCommandAndOption() {
        String script = answered("completion");
        assertThat(script)
                .contains("complete -F")
                .contains("anonymize-check")
                .contains("retry-failed")
                .contains("--older-than")
                .contains("--include-rejected");
    }

    @Test
    void anythingElseIsLeftToTheApplication() {
        StringWriter out = new StringWriter();
        assertThat(HelpWithoutSpring.answer(new String[] {"import", "file.csv"}, new PrintWriter(out)))
                .isNull();
        assertThat(HelpWithoutSpring.answer(new String[] {"history"}, new PrintWriter(out)))
                .isNull();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpInAnEmptyFolderWithAnUnreachableDatabaseCreatesNothing() throws Exception {
        Map<String, String> unreachable = Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        for (String[] args : new String[][] {{"--help"}, {"anonymize-check", "--help"}, {"--version"}}) {
            ChildJvm child = ChildJvm.start(empty, console, "help-" + args.length, unreachable, args);
            assertThat(child.exitCode(Duration.ofSeconds(60)))
                    .as(child.describe())
                    .isZero();
            assertThat(child.out()).as(child.describe()).contains("alias-import");
            assertThat(child.err()).as(child.describe()).isEmpty();
        }
        ChildJvm configured = ChildJvm.start(
                empty, console, "help-configured", Map.of("alias-import.sending.rate", "7"), "import", "--help");
        assertThat(configured.exitCode(Duration.ofSeconds(60)))
                .as(configured.describe())
                .isZero();
        assertThat(configured.out().replaceAll("\\s+", " "))
                .as("help shows the configured default")
                .contains("Default: 7 (alias-import.");
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files)
                    .as("no database, log or journal in the working folder")
                    .isEmpty();
        }
    }
}
