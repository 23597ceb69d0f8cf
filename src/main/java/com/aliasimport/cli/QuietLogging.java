package com.aliasimport.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.OnConsoleStatusListener;
import ch.qos.logback.core.status.StatusManager;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Keeps Logback's own troubles off the console. Spring Boot registers a status listener that prints Logback's
 * warnings and errors (with their stack traces) to the console; when the log file cannot be written (a full disk)
 * that is a thousand lines for every few log events. The product's one-line messages say what is wrong instead;
 * a log file that cannot be written is simply not written.
 */
public final class QuietLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            StatusManager statuses = context.getStatusManager();
            statuses.getCopyOfStatusListenerList().stream()
                    .filter(OnConsoleStatusListener.class::isInstance)
                    .forEach(statuses::remove);
        }
    }

    /** Right after Spring Boot has set up logging (and added its listener). */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
