package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.PostgresDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** {@link ImportScenarios} with PostgreSQL as the job repository and failed-row store (skipped without a server). */
@PostgresDatabase
class ImportJobPostgresTest extends ImportScenarios {

    @Test
    void runsOnPostgresWithTheSchemaCreatedByFlyway() throws SQLException {
        try (var c = jdbc.getDataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(c.getCatalog()).startsWith("alias_import_test_");
        }
        assertThat(jdbc.queryForList(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                        String.class))
                .containsExactly("1", "2", "3", "4", "4.1", "4.2", "5");
    }
}
