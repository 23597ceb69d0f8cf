package com.aliasimport.metrics;

import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.run.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.BasicAuthHttpConnectionFactory;
import io.prometheus.client.exporter.PushGateway;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A finished run's figures as Micrometer gauges in the Prometheus registry: rows by outcome, requests by HTTP
 * status, retries, 429s, the pace and the learned limit, the duration and the final status. Pushed to a Prometheus
 * Pushgateway when one is configured ({@link PushgatewaySettings}), in a group labelled with the job, the command
 * and the target, replacing that group's previous push: Prometheus sees the last run of each command and target.
 * A Pushgateway that cannot be reached costs a warning in the log, never the run.
 */
@Component
public class RunMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final PushgatewaySettings pushgateway;
    /** This run's gauges and the values they read, by name and tags. */
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    private final List<Meter> gauges = new ArrayList<>();

    RunMetrics(PrometheusMeterRegistry registry, PushgatewaySettings pushgateway) {
        this.registry = registry;
        this.pushgateway = pushgateway;
    }

    /** Records the run's figures and pushes them when a Pushgateway is configured. */
    public synchronized void finished(FinishedRun finished) {
        // A process runs one command, but a push carries only this run's figures even when it runs several (tests):
        // the command is the group's label, not the series'.
        gauges.forEach(registry::remove);
        gauges.clear();
        values.clear();
        ImportRun run = finished.run();
        Tags tags = Tags.empty();
        RunCounts c = run.counts();
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("accepted", c.accepted());
        rows.put("rejected", c.rejected());
        rows.put("invalid", c.invalid());
        rows.put("duplicate", c.duplicate());
        rows.put("exhausted", c.exhausted());
        rows.put("unknown", c.unknown());
        rows.forEach((outcome, n) ->
                set("alias.import.rows", tags.and("outcome", outcome), n, "Rows of the run by outcome"));
        set("alias.import.rows.read", tags, c.read(), "Rows read from the file");
        set("alias.import.rows.sent", tags, c.sent(), "Rows for which at least one request went out");
        set("alias.import.rows.retried", tags, c.retried(), "Rows that needed more than one attempt");
        finished.answersByStatus()
                .forEach((status, n) -> set(
                        "alias.import.requests",
                        tags.and("status", status),
                        n,
                        "Requests by the HTTP status that answered"));
        set("alias.import.requests.sent", tags, run.flow().requests(), "Requests sent, retries included");
        set("alias.import.requests.throttled", tags, run.flow().throttled(), "Requests answered 429");
        Double learned = run.flow().learnedLimit();
        set(
                "alias.import.learned.limit",
                tags,
                learned == null ? Double.NaN : learned,
                "Requests per second the API held the run to (NaN: none)");
        if (finished.flow() != null) {
            set(
                    "alias.import.rate.configured",
                    tags,
                    finished.flow().configuredRate(),
                    "Requests per second at most (0: unthrottled)");
            set("alias.import.pace", tags, finished.flow().pace(), "The pace at the end, requests per second");
        }
        double seconds = run.activeTime().toMillis() / 1000.0;
        set("alias.import.run.duration", tags, seconds, "Seconds the run spent sending, over all its sessions");
        set("alias.import.run.rows.per.second", tags, run.rowsPerSecond(), "Rows sent per second of sending");
        for (RunStatus status : RunStatus.values()) {
            set(
                    "alias.import.run.status",
                    tags.and("status", status.name()),
                    status == run.status() ? 1 : 0,
                    "1 for the status the run ended with");
        }
        set("alias.import.run.id", tags, run.id(), "The run's id (history, report --run)");
        if (run.endedAt() != null) {
            set(
                    "alias.import.run.end.time",
                    tags,
                    run.endedAt().toEpochMilli() / 1000.0,
                    "When the run ended, seconds since the epoch");
        }
        if (pushgateway.enabled()) {
            push(finished.command(), run.target());
        }
    }

    private void set(String name, Tags tags, double value, String description) {
        String key = name + tags;
        values.computeIfAbsent(key, k -> {
                    AtomicReference<Double> holder = new AtomicReference<>(0.0);
                    gauges.add(Gauge.builder(name, holder, AtomicReference::get)
                            .tags(tags)
                            .description(description)
                            .register(registry));
                    return holder;
                })
                .set(value);
    }

    private void push(String command, String target) {
        Map<String, String> group = new LinkedHashMap<>(pushgateway.groupingKey());
        group.put("command", command);
        group.put("target", target);
        try {
            PushGateway gateway = new PushGateway(pushgateway.url().toURL());
            if (pushgateway.username() != null && !pushgateway.username().isBlank()) {
                gateway.setConnectionFactory(
                        new BasicAuthHttpConnectionFactory(pushgateway.username(), pushgateway.password()));
            }
            gateway.push(registry.getPrometheusRegistry(), pushgateway.job(), group);
            log.info(
                    "pushed the run's metrics to the Pushgateway at {} (job {}, {})",
                    pushgateway.address(),
                    pushgateway.job(),
                    group);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "could not push the run's metrics to the Pushgateway at {}: {}",
                    pushgateway.address(),
                    e.getMessage());
        }
    }
}
