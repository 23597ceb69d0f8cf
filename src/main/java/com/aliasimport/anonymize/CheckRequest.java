package com.aliasimport.anonymize;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.job.RunProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code anonymize-check} command.
 *
 * @param api where and how to ask; null for a dry run
 * @param target names where keys are looked up (the API URL, or the sandbox): a file is checked once per target
 * @param limit look up at most this many valid keys, then pause (0: no limit)
 * @param columnMap heading to {@code email} or {@code telephone}, from {@code --map}
 * @param results where the results go; null for {@code anonymize-check-run<N>} in the working directory
 * @param progressObserver told when sending starts, to show progress
 */
public record CheckRequest(
        Path file,
        CsvSettings csv,
        ApiSettings api,
        String target,
        SendSettings send,
        boolean dryRun,
        long limit,
        boolean newRun,
        Map<String, String> columnMap,
        Path results,
        ResultsFormat format,
        Consumer<RunProgress> progressObserver) {}
