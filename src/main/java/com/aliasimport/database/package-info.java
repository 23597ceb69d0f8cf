/**
 * Riding out database outages: a database that goes away (a PostgreSQL failover or restart, a network blip) and
 * comes back within {@code alias-import.database.outage-wait} is waited for and the run carries on; one that stays
 * away ends the run resumably with one line ({@link DatabaseUnavailableException}).
 */
package com.aliasimport.database;
