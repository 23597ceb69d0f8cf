package com.aliasimport.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a lost or refused database connection (worth waiting for) from every other database error (a bug or a
 * constraint, never retried): SQLState class 08 (connection exception), PostgreSQL's 57P01-57P03 (the server is
 * shutting down, crashed, or is not accepting connections yet), and H2's "connection broken" / "database is
 * closed" codes (90067, 90098, 90121), found anywhere in the cause chain.
 */
public final class ConnectionFailures {

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final Set<Integer> H2_CONNECTION_LOST = Set.of(90067, 90098, 90121);

    private ConnectionFailures() {}

    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return true;
            }
            // A commit or rollback on a connection the server ended hides why in the application exception.
            if (t instanceof TransactionSystemException tx
                    && tx.getApplicationException() != null
                    && isConnectionFailure(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || SERVER_GOING_AWAY.contains(state))) {
            return true;
        }
        if (H2_CONNECTION_LOST.contains(e.getErrorCode()) && state != null && state.startsWith("90")) {
            return true;
        }
        // Hikari's "Connection is not available" carries the cause's state; its plain timeout (a busy pool) has none.
        return e instanceof SQLRecoverableException || (e instanceof SQLTransientConnectionException && state != null);
    }
}
