package com.aliasimport.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurableH2CommitsTest {

    @Test
    void anEmbeddedH2DatabaseWritesEachCommitAtOnce() {
        assertThat(DurableH2Commits.durable("jdbc:h2:file:/var/lib/alias-import/db;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:/var/lib/alias-import/db;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(DurableH2Commits.durable("jdbc:h2:./data/x")).isEqualTo("jdbc:h2:./data/x;WRITE_DELAY=0");
        assertThat(DurableH2Commits.durable("jdbc:h2:~/x;")).isEqualTo("jdbc:h2:~/x;WRITE_DELAY=0");
    }

    @Test
    void aWriteDelayChosenInTheUrlIsKept() {
        assertThat(DurableH2Commits.durable("jdbc:h2:file:./data/alias-import;AUTO_SERVER=TRUE;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/alias-import;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(DurableH2Commits.durable("jdbc:h2:file:./x;write_delay=500"))
                .isEqualTo("jdbc:h2:file:./x;write_delay=500");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertThat(DurableH2Commits.durable("jdbc:postgresql://db/alias")).isEqualTo("jdbc:postgresql://db/alias");
        assertThat(DurableH2Commits.durable("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(DurableH2Commits.durable("jdbc:h2:tcp://db:9092/alias")).isEqualTo("jdbc:h2:tcp://db:9092/alias");
    }
}
