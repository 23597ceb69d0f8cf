/**
 * What a run did, for operators: Micrometer gauges in a Prometheus registry
 * ({@link com.aliasimport.metrics.RunMetrics}), pushed to a Prometheus Pushgateway at the end of each run when
 * configured ({@link com.aliasimport.metrics.PushgatewaySettings}), with Spring Batch's own job and step
 * observations.
 */
package com.aliasimport.metrics;
