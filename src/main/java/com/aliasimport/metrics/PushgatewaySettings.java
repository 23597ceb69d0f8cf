package com.aliasimport.metrics;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each run's metrics are pushed: Spring Boot's own property names
 * ({@code management.prometheus.metrics.export.pushgateway.*}), so that an operator configures it as for any Spring
 * Boot job. Off unless enabled.
 *
 * @param enabled push at the end of each run
 * @param address the Pushgateway, {@code host:port} or a URL ({@code https://} for TLS)
 * @param job the {@code job} label of the pushed group
 * @param groupingKey more labels of the group, besides {@code command} and {@code target}, which every push has
 * @param username basic authentication, when the Pushgateway asks for it
 * @param password basic authentication's password; never logged
 */
@ConfigurationProperties("management.prometheus.metrics.export.pushgateway")
public record PushgatewaySettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("localhost:9091") String address,
        @DefaultValue("alias-import") String job,
        Map<String, String> groupingKey,
        String username,
        String password) {

    public PushgatewaySettings {
        groupingKey = groupingKey == null ? Map.of() : Map.copyOf(groupingKey);
    }

    /** The address as a URL: {@code host:port} means plain http, as Prometheus's client reads it. */
    URI url() {
        return URI.create(address.contains("://") ? address : "http://" + address);
    }

    @Override
    public String toString() {
        return "PushgatewaySettings[enabled=" + enabled + ", address=" + address + ", job=" + job + ", groupingKey="
                + groupingKey + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
