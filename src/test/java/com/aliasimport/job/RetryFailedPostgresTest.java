package com.aliasimport.job;

import com.aliasimport.support.PostgresDatabase;

/** {@link RetryFailedTest} on PostgreSQL (skipped without a server). */
@PostgresDatabase
class RetryFailedPostgresTest extends RetryFailedTest {}
