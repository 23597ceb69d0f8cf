package com.aliasimport.run;

/** {@link StoreScenarios} on the default H2 file database. */
class StoreTest extends StoreScenarios {}
