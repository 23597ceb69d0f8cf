/**
 * The Imports API's records endpoint, for the import: the record body (JSON or form) and what each answer means for
 * a row ({@link com.aliasimport.api.RecordsEndpoint}), with the API's error messages read into one line.
 */
package com.aliasimport.api;
