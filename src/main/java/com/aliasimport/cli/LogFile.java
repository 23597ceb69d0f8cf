package com.aliasimport.cli;

/** Where the full log goes (the console stays quiet for cron). */
public final class LogFile {

    private LogFile() {}

    public static String path() {
        String configured = System.getProperty("logging.file.name");
        return configured != null ? configured : "data/alias-import.log";
    }
}
