/**
 * The exit codes scripts and cron rely on ({@link com.aliasimport.exit.ExitCodes}) and the failures that carry one
 * ({@link com.aliasimport.exit.WithExitCode}). It depends on nothing, so any package may throw such a failure and
 * the command line maps it in one place.
 */
package com.aliasimport.exit;
