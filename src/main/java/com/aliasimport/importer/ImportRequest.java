package com.aliasimport.importer;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import com.aliasimport.csv.CsvSettings;
import com.aliasimport.job.RunProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code import} command.
 *
 * @param csv how to read the file (delimiter, encoding)
 * @param api where and how to send; null for a dry run
 * @param target names where rows go (imports URL and configuration reference, or the sandbox): the same file is
 *        imported once per target
 * @param limit send at most this many valid rows, then pause (0: no limit)
 * @param profile the data type's profile (null: account-alias)
 * @param columnMap extra CSV heading to mapping field entries from the command line
 * @param progressObserver told when sending starts, to show progress
 */
public record ImportRequest(
        Path file,
        CsvSettings csv,
        ApiSettings api,
        String target,
        SendSettings send,
        boolean dryRun,
        long limit,
        boolean newRun,
        String profile,
        Map<String, String> columnMap,
        List<String> ignoreColumns,
        Consumer<RunProgress> progressObserver) {}
