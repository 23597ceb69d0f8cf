/**
 * The {@code anonymize-check} job: a file's emails and telephones ({@link com.aliasimport.anonymize.KeyColumns},
 * {@link com.aliasimport.anonymize.KeyClassifier}) are looked up with the Anonymize API
 * ({@link com.aliasimport.anonymize.AnonymizeEndpoint}); every record a key matches is kept in {@code check_result}
 * ({@link com.aliasimport.anonymize.CheckResultStore}) until {@link com.aliasimport.anonymize.CheckPurge} deletes it,
 * and written to an owner-only results file ({@link com.aliasimport.anonymize.ResultsFile}).
 * {@link com.aliasimport.anonymize.AnonymizeCheckJob} is what the shared machinery in {@code job} needs to know of it;
 * {@link com.aliasimport.anonymize.AnonymizeCheckLauncher} runs it. What it finds is personal data: nothing here
 * logs a key or a record.
 */
package com.aliasimport.anonymize;
