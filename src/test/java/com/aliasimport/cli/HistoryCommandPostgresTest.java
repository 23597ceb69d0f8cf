package com.aliasimport.cli;

import com.aliasimport.support.PostgresDatabase;

/** {@link HistoryCommandTest} on PostgreSQL (skipped without a server). */
@PostgresDatabase
class HistoryCommandPostgresTest extends HistoryCommandTest {}
