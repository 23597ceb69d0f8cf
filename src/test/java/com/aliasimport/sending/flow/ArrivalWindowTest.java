package com.aliasimport.sending.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ArrivalWindowTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aFullSecondMakesTheNextRequestWaitUntilTheOldestArrivalIsASecondOld() {
        ArrivalWindow window = new ArrivalWindow(3);
        for (long t : new long[] {0, 100 * MS, 200 * MS}) {
            assertThat(window.earliestStart(t)).isEqualTo(t);
            window.started();
            window.arrived(t);
        }
        long span = ArrivalWindow.SPAN;
        assertThat(window.earliestStart(300 * MS)).isEqualTo(span + 1);
        assertThat(window.earliestStart(span + 1)).isEqualTo(span + 1);
    }

    @Test
    void requestsStillOnTheirWayCountUntilTheyArriveAndThoseThatNeverConnectedDoNot() {
        ArrivalWindow window = new ArrivalWindow(2);
        window.started();
        window.started();
        assertThat(window.earliestStart(0))
                .as("both may still arrive: look again soon")
                .isEqualTo(ArrivalWindow.RECHECK);
        window.neverArrived();
        assertThat(window.earliestStart(0)).isZero();
    }

    @Test
    void requestsThatBunchOnTheirWayNeverPutMoreThanTheLimitInAnySecond() {
        // Requests start whenever the window allows, but each arrives after a random stall of up to 300 ms, as a
        // garbage collection between start and send would make them. Whatever the stalls, no second holds more.
        Random random = new Random(42);
        ArrivalWindow window = new ArrivalWindow(20);
        List<long[]> onTheirWay = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long now = 0;
        while (now < 30 * SECOND) {
            for (var it = onTheirWay.iterator(); it.hasNext(); ) {
                long[] request = it.next();
                if (request[0] <= now) {
                    window.arrived(request[0]);
                    arrivals.add(request[0]);
                    it.remove();
                }
            }
            long allowed = window.earliestStart(now);
            if (allowed > now) {
                now = allowed;
                continue;
            }
            window.started();
            onTheirWay.add(new long[] {now + (random.nextInt(4) == 0 ? random.nextInt(300) * MS : 0)});
            now += random.nextInt(20) * MS;
        }
        arrivals.sort(Long::compare);
        for (int i = 0; i + 20 < arrivals.size(); i++) {
            assertThat(arrivals.get(i + 20) - arrivals.get(i))
                    .as("21 arrivals span at least a second")
                    .isGreaterThanOrEqualTo(SECOND);
        }
        assertThat(arrivals.size()).as("and it still lets most through").isGreaterThan(20 * 25);
    }

    @Test
    void requestsTheServerReadsWithUnevenDelaysStillNeverFillOneOfItsSecondsPastTheLimit() {
        // The server reads each request 0 to 8 ms after it was flushed here: its seconds are what counts.
        Random random = new Random(7);
        ArrivalWindow window = new ArrivalWindow(20);
        List<Long> atServer = new ArrayList<>();
        long now = 0;
        while (now < 30 * SECOND) {
            long allowed = window.earliestStart(now);
            if (allowed > now) {
                now = allowed;
                continue;
            }
            window.started();
            window.arrived(now);
            atServer.add(now + random.nextInt((int) (ArrivalWindow.DELIVERY_SPREAD / MS) + 1) * MS);
            now += random.nextInt(60) * MS;
        }
        atServer.sort(Long::compare);
        for (int i = 0; i + 20 < atServer.size(); i++) {
            assertThat(atServer.get(i + 20) - atServer.get(i))
                    .as("21 reads at the server span at least a second")
                    .isGreaterThanOrEqualTo(SECOND);
        }
    }
}
