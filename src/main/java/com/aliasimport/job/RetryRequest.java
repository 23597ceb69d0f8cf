package com.aliasimport.job;

import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.SendSettings;
import java.util.function.Consumer;

/**
 * One {@code retry-failed} command.
 *
 * @param runId the run whose failed rows to send again; null for the newest import
 * @param target where rows go now; must be where the run sent them
 * @param includeRejected also re-send rows the API rejected (after the mapping was fixed in CustomerGauge)
 */
public record RetryRequest(
        Long runId,
        ApiSettings api,
        String target,
        SendSettings send,
        boolean includeRejected,
        Consumer<RunProgress> progressObserver) {}
