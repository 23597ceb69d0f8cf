/**
 * The command line (picocli): one class per command, the options they share as mixins, the summaries they print,
 * and the one place a failure becomes a line on stderr ({@link com.aliasimport.cli.ErrorHandler}) and an exit code
 * ({@link com.aliasimport.cli.ExitCodeMapper}).
 */
package com.aliasimport.cli;
