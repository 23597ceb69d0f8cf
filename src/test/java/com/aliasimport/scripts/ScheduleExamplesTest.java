package com.aliasimport.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The scheduling examples in docs/ are what docs/scheduling.md says they are, as far as this machine can tell. */
class ScheduleExamplesTest {

    @TempDir
    Path dir;

    @Test
    void theSystemdUnitsPassSystemdAnalyzeVerify() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed: the units are not verified");
        Path project = Path.of("").toAbsolutePath();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path secret = Files.writeString(dir.resolve("client-secret"), "not-a-real-secret");
        for (String unit : List.of("alias-import.service", "alias-import.timer")) {
            String text = Files.readString(project.resolve("docs/systemd").resolve(unit), StandardCharsets.UTF_8)
                    .replace("/srv/alias-import", project.toString())
                    .replace("/srv/crm-exports", inbox.toString())
                    .replace("/etc/alias-import/client-secret", secret.toString());
            Files.writeString(dir.resolve(unit), text, StandardCharsets.UTF_8);
        }
        Process verify = new ProcessBuilder(
                        analyze.toString(),
                        "verify",
                        dir.resolve("alias-import.service").toString(),
                        dir.resolve("alias-import.timer").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(said).as("systemd-analyze verify").isEmpty();
        assertThat(verify.exitValue()).as(said).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCronJobForbidsOverlapsUsesPostgresAndReadsTheSecretFromAFile() throws IOException {
        Map<String, Object> cronJob;
        try (Reader in = Files.newBufferedReader(Path.of("docs/kubernetes/alias-import-cronjob.yaml"))) {
            cronJob = new Yaml().load(in);
        }
        assertThat(cronJob).containsEntry("apiVersion", "batch/v1").containsEntry("kind", "CronJob");
        Map<String, Object> spec = (Map<String, Object>) cronJob.get("spec");
        assertThat(spec).containsEntry("concurrencyPolicy", "Forbid").containsKey("schedule");
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) spec.get("jobTemplate")).get("spec");
        assertThat(job).containsEntry("backoffLimit", 0);
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) job.get("template")).get("spec");
        assertThat(pod).containsEntry("restartPolicy", "Never");
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(10);
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        Map<String, Object> env = new java.util.HashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            env.put((String) e.get("name"), e.containsKey("value") ? e.get("value") : e.get("valueFrom"));
        }
        assertThat((String) env.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://");
        assertThat(env).doesNotContainKey("CUSTOMERGAUGE_CLIENT_SECRET");
        String secretFile = (String) env.get("CUSTOMERGAUGE_CLIENT_SECRET_FILE");
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) container.get("volumeMounts");
        Map<String, Object> secretMount = mounts.stream()
                .filter(m -> secretFile.startsWith((String) m.get("mountPath")))
                .findFirst()
                .orElseThrow();
        Map<String, Object> secretVolume = ((List<Map<String, Object>>) pod.get("volumes"))
                .stream()
                        .filter(v -> v.get("name").equals(secretMount.get("name")))
                        .findFirst()
                        .orElseThrow();
        assertThat(secretVolume).containsKey("secret");
        assertThat(env).containsKeys("CUSTOMERGAUGE_REGION", "CUSTOMERGAUGE_CLIENT_ID", "CUSTOMERGAUGE_CONFIGURATION");
    }
}
