package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress of a run that starts a second session in the same process after a database outage. */
class RunProgressTest {

    @Test
    void aSessionRestartedFromItsCheckpointCountsFromThereNotOnTopOfTheFirstSession() {
        RunProgress progress = new RunProgress(10);
        progress.resumedAt(0);
        for (int i = 0; i < 6; i++) {
            progress.read();
            progress.sent(true);
        }
        // The database went away: the next session starts again at the checkpoint, row 4, skipping rows 5 and 6.
        progress.resumedAt(4);
        progress.read();
        progress.alreadyDone();
        progress.read();
        progress.alreadyDone();
        progress.read();
        progress.sent(true);

        assertThat(progress.readPosition()).isEqualTo(7);
        assertThat(progress.done()).isEqualTo(7);
        assertThat(progress.sentThisSession())
                .as("rows sent by the process, for its summary")
                .isEqualTo(7);
    }
}
