package com.aliasimport.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.ChildImports;
import com.aliasimport.support.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an anonymize check in a child JVM half way, then the same command: every key ends up in the results
 * exactly once, the keys asked twice are at most those in flight, and neither run's console nor log names anyone.
 */
class AnonymizeCheckCrashTest {

    private static final int ROWS = 1200;
    private static final int CONCURRENCY = 4;

    /** Working directory, database, files and logs of the children; kept when the test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    void aKilledCheckResumesWithEveryKeyInTheResultsOnce() throws Exception {
        try (ChildImports env = new ChildImports(home)) {
            List<String> lines = new ArrayList<>();
            lines.add("request,email,telephone");
            for (int i = 1; i <= ROWS; i++) {
                String email = switch (i) {
                    case 1 -> "john.doe@example.com";
                    case 600 -> "zoe.angstrom@example.com";
                    case ROWS -> "wang.fang@example.com";
                    default -> "person" + i + "@example.org";
                };
                lines.add("R-" + i + "," + email + "," + (i == 100 ? "+47 412 34 567" : ""));
            }
            Path file = home.resolve("requests.csv");
            Files.write(file, lines, StandardCharsets.UTF_8);
            int keys = ROWS + 1;
            Path out = home.resolve("results.csv");
            env.sandbox().faults().latency(Duration.ofMillis(3));
            String[] command = {
                "anonymize-check", file.toString(), "--output", out.toString(), "--concurrency", "" + CONCURRENCY
            };

            ChildJvm first = env.start("check-1", Map.of("alias-import.sending.chunk-size", "50"), command);
            ChildImports.await(
                    () -> env.sandbox().stats().anonymizeChecks() >= keys / 2 || !first.isAlive(),
                    Duration.ofSeconds(90));
            assertThat(first.isAlive()).as(first.describe()).isTrue();
            first.kill();
            long askedBeforeKill = env.sandbox().stats().anonymizeChecks();

            ChildJvm second = env.start("check-2", command);
            assertThat(second.exitCode(Duration.ofSeconds(120)))
                    .as(second.describe())
                    .isZero();

            long askedAgain = env.sandbox().stats().anonymizeChecks() - keys;
            assertThat(askedAgain)
                    .as("keys asked twice after a kill at %d: at most those in flight", askedBeforeKill)
                    .isBetween(0L, (long) CONCURRENCY);
            List<CSVRecord> rows = AnonymizeCheckTest.read(out);
            Map<String, Long> perKey = rows.stream()
                    .skip(1)
                    .collect(Collectors.groupingBy(row -> row.get(0) + "/" + row.get(1), Collectors.counting()));
            assertThat(perKey).hasSize(keys);
            assertThat(perKey.get("601/email")).as("three records for one key").isEqualTo(3);
            assertThat(perKey.get("101/telephone"))
                    .as("two records for one key")
                    .isEqualTo(2);
            assertThat(perKey.entrySet().stream()
                            .filter(e -> !e.getKey().equals("601/email")
                                    && !e.getKey().equals("101/telephone"))
                            .map(Map.Entry::getValue))
                    .as("every other key once")
                    .containsOnly(1L);
            assertThat(rows).hasSize(1 + keys + 2 + 1);

            for (ChildJvm child : List.of(first, second)) {
                String said = child.out() + child.err() + child.log();
                for (String data : List.of(
                        "Ångström", "Ødegård", "王", "Doe", "john.doe@", "zoe.angstrom@", "412 34 567", "10438")) {
                    assertThat(said).as(child.name() + " console and log").doesNotContain(data);
                }
            }
        }
    }
}
