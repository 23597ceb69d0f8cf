package com.aliasimport.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Fits the connection pool to the outage wait: a borrower waits for a connection at most the outage wait (capped at
 * Hikari's 30 s default, {@link DatabaseOutage} asks again until the wait is over), so a short wait is not outlived by
 * one attempt; and idle connections are checked every 30 s, so those a restarted server broke are evicted before
 * they are handed out. (Hikari already evicts a connection whose statement fails with a connection error.)
 */
@Component
class OutagePoolSettings implements BeanPostProcessor {

    private static final Duration MAX_BORROW_WAIT = Duration.ofSeconds(30);
    private static final Duration MIN_BORROW_WAIT = Duration.ofSeconds(1);
    private static final Duration KEEPALIVE = Duration.ofSeconds(30);

    private final Duration outageWait;

    OutagePoolSettings(DatabaseSettings settings) {
        this.outageWait = settings.outageWait();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            Duration borrow = outageWait.compareTo(MAX_BORROW_WAIT) > 0
                    ? MAX_BORROW_WAIT
                    : outageWait.compareTo(MIN_BORROW_WAIT) < 0 ? MIN_BORROW_WAIT : outageWait;
            pool.setConnectionTimeout(borrow.toMillis());
            if (pool.getKeepaliveTime() == 0 || pool.getKeepaliveTime() > KEEPALIVE.toMillis()) {
                pool.setKeepaliveTime(KEEPALIVE.toMillis());
            }
        }
        return bean;
    }
}
