package org.comity.exchange;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in front of a node's inbox, where a reverse proxy or another
 * implementation would stand: a node's card names the proxy as its inbox, the proxy forwards to the
 * node. It records every batch request it sees (its messages and the status answered) and the batches
 * forwarded and not yet answered, and can answer as a peer with other bounds would: without batches
 * (415, as an older Comity, whose inbox consumes only {@code application/jose}), or taking at most a
 * few messages per batch (422 {@code messages}/{@code batch-too-many} naming {@code maxMessages}), or
 * losing the results of some messages of a batch the node did receive (503 in their place).
 */
final class InboxProxy implements AutoCloseable {

    static final String BATCH = "application/comity-messages+json";

    /** One batch request: its messages (compact JWEs), in order, and the status the proxy answered. */
    record Batch(List<String> messages, int status) {}

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private volatile URI upstream;

    /** Answer batches 415, as an inbox without batches does. */
    volatile boolean noBatches;
    /** When above zero, a batch of more messages is refused 422 naming this bound. */
    volatile int maxMessages;
    /** When above zero, this many batches' answers lose every second result (a 503 instead). */
    final AtomicInteger losingResults = new AtomicInteger();

    /** When above zero, this many batches are answered 503 as a whole, not forwarded (a failing peer). */
    final AtomicInteger failingBatches = new AtomicInteger();
    /**
     * When above zero, this many single messages are forwarded and answered 200 with a body of this many
     * bytes instead of the node's receipt (a peer, or something between, answering without end).
     */
    volatile int oversizedAnswerBytes;

    final AtomicInteger oversizedAnswers = new AtomicInteger();

    final List<Batch> batches = new CopyOnWriteArrayList<>();
    /** Batches forwarded to the node and not yet answered by it. */
    final Set<List<String>> inFlight = ConcurrentHashMap.newKeySet();

    final AtomicInteger singles = new AtomicInteger();

    InboxProxy() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/exchange/inbox", this::handle);
        server.start();
    }

    /** The inbox address peers are to post to: the proxy's. */
    String inbox() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/exchange/inbox";
    }

    InboxProxy forwardingTo(String inbox) {
        this.upstream = URI.create(inbox);
        return this;
    }

    /** Batch requests answered with {@code status}. */
    List<Batch> answered(int status) {
        return batches.stream().filter(b -> b.status() == status).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith(BATCH)) {
                singles.incrementAndGet();
                forward(exchange, type, body, null);
                return;
            }
            var messages = messages(body);
            if (failingBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                batches.add(new Batch(messages, 503));
                answer(exchange, 503, "text/plain", "upstream failing");
                return;
            }
            if (noBatches) {
                batches.add(new Batch(messages, 415));
                answer(exchange, 415, "application/problem+json", """
                        {"type":"about:blank","title":"Unsupported Media Type","status":415}""");
                return;
            }
            if (maxMessages > 0 && messages.size() > maxMessages) {
                batches.add(new Batch(messages, 422));
                answer(exchange, 422, "application/problem+json", """
                        {"title":"Invalid input","status":422,"maxMessages":%d,
                         "errors":[{"field":"messages","rule":"batch-too-many","message":"at most %d"}]}""".formatted(maxMessages, maxMessages));
                return;
            }
            inFlight.add(messages);
            try {
                forward(exchange, type, body, messages);
            } finally {
                inFlight.remove(messages);
            }
        }
    }

    private void forward(HttpExchange exchange, String type, byte[] body, List<String> batch) throws IOException {
        int status;
        String answer;
        String answerType;
        try {
            var request = HttpRequest.newBuilder(upstream)
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", type == null ? "application/octet-stream" : type)
                    .header("Accept", batch == null ? "application/jose" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            status = response.statusCode();
            answer = response.body();
            answerType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        } catch (IOException e) {
            // The node is gone (killed): answered as a reverse proxy would.
            status = 502;
            answer = "";
            answerType = "text/plain";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 502;
            answer = "";
            answerType = "text/plain";
        }
        if (batch == null && status == 200 && oversizedAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer = "x".repeat(oversizedAnswerBytes);
        }
        if (batch != null) {
            if (status == 200 && losingResults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer = losingEverySecond(answer);
            }
            batches.add(new Batch(batch, status));
        }
        answer(exchange, status, answerType, answer);
    }

    /** The node's results with every second one (indexes 1, 3, …) replaced by a 503. */
    private static String losingEverySecond(String answer) {
        try {
            var results = new ArrayList<Object>(JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(answer), "results"));
            for (int i = 1; i < results.size(); i += 2) {
                results.set(i, Map.of("status", 503));
            }
            return JSONObjectUtils.toJSONString(Map.of("results", results));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> messages(byte[] body) {
        try {
            var messages = JSONObjectUtils.getStringArray(
                    JSONObjectUtils.parse(new String(body, StandardCharsets.US_ASCII)), "messages");
            return messages == null ? List.of() : List.of(messages);
        } catch (java.text.ParseException e) {
            return List.of();
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
