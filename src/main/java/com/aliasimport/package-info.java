/**
 * alias-import: CSV files into CustomerGauge's APIs. {@code cli} is the way in; {@code importer} and
 * {@code anonymize} are the two jobs; {@code job}, {@code sending}, {@code outcome}, {@code run} and {@code csv} are
 * the machinery they share; {@code sandbox} is the fake API for trying it all.
 */
package com.aliasimport;
