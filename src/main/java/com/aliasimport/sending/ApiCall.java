package com.aliasimport.sending;

import java.net.URI;

/**
 * One HTTP request a job makes for a row, without its Authorization header (the pipeline adds the bearer token).
 *
 * @param body the request body, or null (a GET)
 * @param contentType the body's media type, or null without a body
 */
public record ApiCall(String method, URI uri, byte[] body, String contentType) {

    public static ApiCall get(URI uri) {
        return new ApiCall("GET", uri, null, null);
    }
}
