/**
 * Running a sending job, the part every job shares: a run over a file ({@link com.aliasimport.job.FileRuns}: its
 * identity, lock, resume and end), its Spring Batch sessions ({@link com.aliasimport.job.RunSessions}), the one
 * chunk step that reads items ({@link com.aliasimport.job.CsvItemReader}), stores the ones that failed a check and
 * hands the others to the sending pipeline ({@link com.aliasimport.job.SendingJobs}), and retry-failed
 * ({@link com.aliasimport.job.RetryFailedLauncher}). What a job sends and keeps is its
 * {@link com.aliasimport.job.SendingJob}: {@code importer} and {@code anonymize} each write one.
 */
package com.aliasimport.job;
