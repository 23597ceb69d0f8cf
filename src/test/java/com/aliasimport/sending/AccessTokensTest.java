package com.aliasimport.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.config.Secret;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * However many threads want a token at once, the token endpoint sees one request at a time, and a failed request is
 * the answer of every thread that was waiting for it: a refused secret must not become one attempt per thread
 * (identity providers lock accounts out after a handful), nor a token endpoint that is down be asked by every
 * thread in turn. The fake token endpoint holds its answer until every other thread is blocked waiting, so the test
 * does not depend on timing.
 */
class AccessTokensTest {

    private static final int THREADS = 32;

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch answer = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        answer.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token endpoint answering {@code status} with {@code body}, once released. */
    private AccessTokens tokensAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/oauth2/token", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
        return new AccessTokens(
                url,
                "client-1",
                Secret.of("wrong-secret"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    /**
     * Every thread asks at once; the answer is released when one request is at the server and every other thread
     * is blocked behind it. Returns what each thread got: the token, or its exception's class.
     */
    private List<Object> everyThreadAsks(AccessTokens tokens) throws Exception {
        List<CompletableFuture<Object>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            CompletableFuture<Object> result = new CompletableFuture<>();
            results.add(result);
            Thread thread = new Thread(() -> {
                try {
                    result.complete(tokens.current());
                } catch (RuntimeException e) {
                    result.complete(e.getClass());
                }
            });
            threads.add(thread);
            thread.start();
        }
        Awaitility.await("threads waiting behind the one token request")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> requests.get() == 1 && blocked(threads) == THREADS - 1);
        answer.countDown();
        List<Object> answers = new ArrayList<>();
        for (CompletableFuture<Object> result : results) {
            answers.add(result.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static int blocked(List<Thread> threads) {
        return (int) threads.stream()
                .filter(t -> t.getState() == Thread.State.BLOCKED)
                .count();
    }

    @Test
    void refusedCredentialsCostOneTokenRequestForAllWaitingThreads() throws Exception {
        AccessTokens tokens = tokensAnswering(401, "{\"error\":\"invalid_client\"}");

        assertThat(everyThreadAsks(tokens)).containsOnly(SystemicFailureException.class);
        assertThat(requests.get()).isEqualTo(1);
        assertThat(tokens.requests()).isEqualTo(1);
    }

    @Test
    void aTokenEndpointThatIsDownIsAskedOnceForAllWaitingThreads() throws Exception {
        AccessTokens tokens = tokensAnswering(503, "{}");

        assertThat(everyThreadAsks(tokens)).containsOnly(TokenUnavailableException.class);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void oneGoodAnswerServesEveryWaitingThread() throws Exception {
        AccessTokens tokens =
                tokensAnswering(200, "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");

        assertThat(everyThreadAsks(tokens)).containsOnly("tok-1");
        assertThat(requests.get()).isEqualTo(1);
    }
}
