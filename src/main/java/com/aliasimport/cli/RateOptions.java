package com.aliasimport.cli;

import picocli.CommandLine.Option;

/** How fast a sending command may go: the options import, anonymize-check and retry-failed share. */
class RateOptions {

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "Requests per second at most, retries included (0: unthrottled). Default:"
                    + " ${bundle:sending.rate} (alias-import.sending.rate).")
    Integer rate;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Requests in flight at most (default ${bundle:sending.concurrency});"
                    + " fewer go at once when the rate and the API's latency need fewer.")
    Integer concurrency;
}
