package com.aliasimport.exit;

/** The exit codes scripts and cron rely on (the README lists them under "Exit codes"). */
public final class ExitCodes {

    /** Every row accepted, or nothing to do. */
    public static final int OK = 0;
    /** The run failed and is resumable: run the same command again. */
    public static final int RUN_FAILED = 1;
    /** Usage, configuration or file-level error; nothing was sent. */
    public static final int USAGE = 2;
    /** The run finished but some rows failed: see {@code report}. */
    public static final int ROWS_FAILED = 3;
    /** Another run of the same file is in progress. */
    public static final int LOCKED = 4;

    private ExitCodes() {}
}
