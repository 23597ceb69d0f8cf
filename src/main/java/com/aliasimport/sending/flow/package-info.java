/**
 * How fast and how many at once: the {@link com.aliasimport.sending.flow.FlowControl} gate every request passes
 * (a Retry-After pause, the adaptive pace that learns the server's limit from 429s, the hard limit of the configured
 * rate per second by arrival) and the {@link com.aliasimport.sending.flow.InFlightLimit} that sizes the requests in
 * flight to the pace and the measured latency. The decisions are pure functions of a given clock reading, tested on
 * a made-up clock; only {@code FlowControl} and {@code InFlightLimit} wait.
 */
package com.aliasimport.sending.flow;
