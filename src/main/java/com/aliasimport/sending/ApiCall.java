package com.aliasimport.sending;

import java.net.URI;

/**
 * One HTTP request a job makes for a row, without its Authorization header (the pipeline adds the bearer token).
 *
 * @param body the request body, or null (a GET)
 * @param contentType the body's media type, or null without a body
 * @param maxReplyBytes the most of the answer's body kept: the rest is read and dropped, so a huge error page cannot
 *     fill memory
 */
public record ApiCall(String method, URI uri, byte[] body, String contentType, int maxReplyBytes) {

    /** Enough for any error message: for endpoints whose answers say no more than that. */
    public static final int ERROR_BODY_BYTES = 64 * 1024;

    public ApiCall(String method, URI uri, byte[] body, String contentType) {
        this(method, uri, body, contentType, ERROR_BODY_BYTES);
    }

    /** A GET whose answer is data, kept up to {@code maxReplyBytes}. */
    public static ApiCall get(URI uri, int maxReplyBytes) {
        return new ApiCall("GET", uri, null, null, maxReplyBytes);
    }
}
