package com.aliasimport.cli;

import com.aliasimport.support.PostgresDatabase;

/** {@link ReportCommandTest} on PostgreSQL (skipped without a server). */
@PostgresDatabase
class ReportCommandPostgresTest extends ReportCommandTest {}
