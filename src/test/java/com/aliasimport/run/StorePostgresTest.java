package com.aliasimport.run;

import com.aliasimport.support.PostgresDatabase;

/** {@link StoreScenarios} on PostgreSQL (skipped without a server). */
@PostgresDatabase
class StorePostgresTest extends StoreScenarios {}
