package com.aliasimport.sending.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void spreadsRequestsEvenly() {
        Pacer pacer = new Pacer();
        long now = 0;
        for (int i = 0; i < 5; i++) {
            now = pacer.nextSlot(now, 100);
            assertThat(now).isEqualTo(i * 10 * MS);
            pacer.take(now, 100);
        }
    }

    @Test
    void aRequestThatGoesALittleLateDoesNotPushTheNextSlotsBack() {
        Pacer pacer = new Pacer();
        pacer.take(0, 100);
        pacer.take(13 * MS, 100); // woken 3 ms late for the slot at 10 ms
        assertThat(pacer.nextSlot(13 * MS, 100)).isEqualTo(20 * MS);
    }

    @Test
    void idleTimeIsNotMadeUpWithABurst() {
        Pacer pacer = new Pacer();
        pacer.take(0, 100);
        assertThat(pacer.nextSlot(500 * MS, 100)).as("after a pause").isEqualTo(500 * MS);
        pacer.take(500 * MS, 100);
        assertThat(pacer.nextSlot(500 * MS, 100)).isEqualTo(510 * MS);
    }

    @Test
    void aNewPaceAppliesFromTheNextSlot() {
        Pacer pacer = new Pacer();
        pacer.take(0, 100);
        pacer.take(10 * MS, 50);
        assertThat(pacer.nextSlot(10 * MS, 50)).isEqualTo(30 * MS);
    }
}
