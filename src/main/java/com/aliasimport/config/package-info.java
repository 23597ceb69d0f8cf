/**
 * The settings ({@link com.aliasimport.config.AliasImportProperties}, each default and description written once)
 * and their checks before anything is sent ({@link com.aliasimport.config.SettingsResolver}): the API's URLs from
 * the region, credentials, timeouts, sending limits and the trusted CAs.
 */
package com.aliasimport.config;
