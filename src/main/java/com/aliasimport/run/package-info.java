/**
 * Runs as the database keeps them: {@code import_run} ({@link com.aliasimport.run.RunStore}), the lock that keeps
 * a second process off a file ({@link com.aliasimport.run.RunLock}), and the rate limits the API held runs to
 * ({@link com.aliasimport.run.LearnedLimits}).
 */
package com.aliasimport.run;
