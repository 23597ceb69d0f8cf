package com.aliasimport.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import com.aliasimport.sandbox.SandboxServer;
import com.aliasimport.sandbox.SandboxSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

// A fresh instance per command line: picocli keeps option values in the command's fields.
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Runs the built-in fake CustomerGauge API on 127.0.0.1 until stopped (Ctrl-C), for trying"
                + " scripts and cron set-ups without a tenant.")
class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default ${DEFAULT-VALUE}).",
            defaultValue = "8089")
    int port;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0",
            description = "Wait this long before answering each records request, like a distant API"
                    + " (default ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--token-ttl", paramLabel = "SECONDS", defaultValue = "3600",
            description = "How long issued access tokens stay valid (default ${DEFAULT-VALUE}).")
    long tokenTtlSeconds;

    @Option(names = "--no-store", description = "Count accepted records without keeping them, so memory stays"
            + " flat over millions of requests (the stats then cannot tell duplicates).")
    boolean noStore;

    @Override
    public Integer call() throws InterruptedException {
        if (latencyMillis < 0 || tokenTtlSeconds <= 0) {
            throw new UsageException("--latency-ms must be 0 or more and --token-ttl more than 0");
        }
        SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(port)
                .withTokenTtl(Duration.ofSeconds(tokenTtlSeconds)).withStoreRecords(!noStore));
        server.faults().latency(Duration.ofMillis(latencyMillis));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.println(server.describe());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
