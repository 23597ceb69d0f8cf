package com.aliasimport.config;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes an embedded H2 database write each commit to its file before the commit returns.
 * <p>
 * By default H2 keeps commits in memory and writes them up to {@code WRITE_DELAY} (500 ms) later, so a process
 * killed with {@code kill -9} loses its last commits. For us those are a chunk's {@code accepted_row} records (the
 * acceptance journal is emptied once they are committed), failed rows and the checkpoint: a row the API took whose
 * record is lost is sent again by the resumed run, and a crash would re-send hundreds of rows instead of at most the
 * requests in flight. {@code WRITE_DELAY=0} closes that hole (a commit then survives the
 * death of the process; surviving a power cut would take an fsync that H2 does not do on commit).
 * <p>
 * The default URL sets it; this adds it to any other embedded H2 URL (a {@code SPRING_DATASOURCE_URL} pointing
 * elsewhere) that does not choose a write delay itself. In-memory and server ({@code tcp:}, {@code ssl:}) URLs are
 * left alone: their commits do not live in this process.
 */
@Component
class DurableH2Commits implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Commits.class);
    static final String OPTION = ";WRITE_DELAY=0";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null) {
            String url = dataSource.getJdbcUrl();
            String durable = durable(url);
            if (!durable.equals(url)) {
                log.info("H2 writes each commit at once ({} added to the database URL)", OPTION.substring(1));
                dataSource.setJdbcUrl(durable);
            }
        }
        return bean;
    }

    /** The URL with {@code ;WRITE_DELAY=0} added when it names an embedded H2 database that sets no write delay. */
    static String durable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return url;
        }
        String database = lower.substring("jdbc:h2:".length());
        if (database.startsWith("mem:")
                || database.startsWith("tcp:")
                || database.startsWith("ssl:")
                || lower.contains(";write_delay=")) {
            return url;
        }
        String base = url;
        while (base.endsWith(";")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + OPTION;
    }
}
