package com.aliasimport.sending.flow;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The pace controller against a simulated server that allows {@code N} requests a second, on a made-up clock:
 * requests go at the controller's pace (through the {@link Pacer}), reach the server at once, and their answers
 * (200 or 429) come back one latency later. Deterministic, so a test can assert what the controller achieves.
 */
final class ServerLimitSimulation {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A server-side limiter: decides at arrival. */
    interface Server {
        boolean admit(long now);
    }

    /** Refills {@code perSecond} tokens a second continuously, up to {@code burst}. */
    static Server tokenBucket(double perSecond, int burst) {
        return new Server() {
            private double tokens = burst;
            private long last;

            @Override
            public boolean admit(long now) {
                tokens = Math.min(burst, tokens + (now - last) * perSecond / SECOND);
                last = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return true;
                }
                return false;
            }
        };
    }

    /** At most {@code perSecond} requests let through in any sliding second. */
    static Server slidingWindow(int perSecond) {
        return new Server() {
            private final ArrayDeque<Long> admitted = new ArrayDeque<>();

            @Override
            public boolean admit(long now) {
                while (!admitted.isEmpty() && admitted.peekFirst() <= now - SECOND) {
                    admitted.removeFirst();
                }
                if (admitted.size() < perSecond) {
                    admitted.addLast(now);
                    return true;
                }
                return false;
            }
        };
    }

    /** What a simulated run did. */
    record Result(long requests, long admitted, long refused, double seconds, double learnedLimit) {

        double admittedPerSecond() {
            return admitted / seconds;
        }

        double refusedShare() {
            return (double) refused / requests;
        }
    }

    private record Answer(long at, long start, boolean admitted) {}

    static Result run(Server server, int configured, double learnedLimit, long latencyNanos, long durationNanos) {
        long now = 0;
        AdaptiveRate rate = new AdaptiveRate(configured, learnedLimit, now);
        Pacer pacer = new Pacer();
        PriorityQueue<Answer> answers = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
        long requests = 0;
        long admitted = 0;
        while (now < durationNanos) {
            double pace = rate.pace(now);
            long slot = pacer.nextSlot(now, pace);
            while (!answers.isEmpty() && answers.peek().at() <= slot) {
                Answer answer = answers.poll();
                if (answer.admitted()) {
                    rate.letThrough(answer.at());
                } else {
                    rate.refused(answer.start(), answer.at());
                }
            }
            if (rate.pace(slot) != pace) {
                now = Math.max(now, Math.min(slot, now + 1));
                continue; // the pace changed while waiting for the slot: ask again
            }
            now = slot;
            pacer.take(now, pace);
            requests++;
            boolean ok = server.admit(now);
            if (ok) {
                admitted++;
            }
            answers.add(new Answer(now + latencyNanos, now, ok));
        }
        return new Result(requests, admitted, requests - admitted, (double) durationNanos / SECOND, rate.limit());
    }

    private ServerLimitSimulation() {}
}
