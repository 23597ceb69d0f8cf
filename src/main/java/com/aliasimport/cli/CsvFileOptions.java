package com.aliasimport.cli;

import com.aliasimport.config.AliasImportProperties;
import com.aliasimport.csv.CsvSettings;
import picocli.CommandLine.Option;

/** How a command reads its CSV file, over the configured defaults: the options import and anonymize-check share. */
class CsvFileOptions {

    @Option(
            names = "--delimiter",
            paramLabel = "CHAR",
            description =
                    "Column delimiter: , ; | or tab (default: ${bundle:csv.delimiter}, alias-import.csv.delimiter).")
    String delimiter;

    @Option(
            names = "--encoding",
            paramLabel = "CHARSET",
            description = "File encoding (default ${bundle:csv.encoding}, alias-import.csv.encoding; e.g. windows-1252"
                    + " for old Excel exports).")
    String encoding;

    CsvSettings settings(AliasImportProperties.Csv configured) {
        var csv = configured.withOverrides(delimiter, encoding);
        return new CsvSettings(csv.delimiterChar(), csv.charset());
    }
}
