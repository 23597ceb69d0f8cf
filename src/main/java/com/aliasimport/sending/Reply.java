package com.aliasimport.sending;

/**
 * What came back: the status, the headers the pipeline acts on, and the start of the body.
 *
 * @param retryAfter the Retry-After header, or null
 * @param location the Location header, or null
 */
public record Reply(int status, String retryAfter, String location, String body) {}
