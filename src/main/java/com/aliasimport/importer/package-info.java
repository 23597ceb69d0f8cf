/**
 * The {@code import} job: a file's rows, checked against the inbound mapping ({@code mapping}), become records for
 * the Imports API's records endpoint ({@code api}); {@link com.aliasimport.importer.RecordsJob} is what the shared
 * machinery in {@code job} needs to know of it, and {@link com.aliasimport.importer.ImportLauncher} runs it.
 * Accepted rows are journaled until a checkpoint stores them ({@link com.aliasimport.importer.ImportOutcomes}).
 */
package com.aliasimport.importer;
