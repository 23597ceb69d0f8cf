package com.aliasimport.cli;

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

    @Override
    public Integer call() throws InterruptedException {
        SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(port));
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
