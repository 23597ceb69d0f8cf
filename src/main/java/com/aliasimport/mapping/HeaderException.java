package com.aliasimport.mapping;

import com.aliasimport.csv.MessageText;
import com.aliasimport.exit.ExitCodes;
import com.aliasimport.exit.WithExitCode;

/** The file's header does not fit the inbound mapping: the whole file is refused and nothing is sent. */
public class HeaderException extends RuntimeException implements WithExitCode {

    public HeaderException(String message) {
        // Headings come from the file: a quoted one can hold line breaks, tabs, anything.
        super(MessageText.oneLine(message));
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
