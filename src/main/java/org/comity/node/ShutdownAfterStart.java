package org.comity.node;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Holds a shutdown that arrives while the node still runs its start (the application runners, which
 * come after the page already answers) until that start is done, at most {@link #LONGEST_WAIT}.
 *
 * <p>A SIGTERM there used to close the context under the runners' feet: the pool closed while
 * {@code FirstStartAccounts} was creating the sandbox accounts, the node logged "Application run
 * failed" with two stack traces, and some accounts could be stored whose passwords were never printed
 * (each is its own transaction, and a later start creates none once one exists). The wait sits at the
 * very start of the close, before any other listener of {@link ContextClosedEvent} (executors stop
 * taking tasks there) and before any bean stops or is destroyed. It is bounded so that a runner that
 * takes long (a first backfill of a large log) cannot keep the process from ending; the runner then
 * fails as before. The thread that runs the start never waits for itself: a runner that throws makes
 * Spring close the context from that thread.
 */
final class ShutdownAfterStart {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ShutdownAfterStart.class);

    private final CountDownLatch done = new CountDownLatch(1);
    private final ApplicationContext context;
    private final Duration longestWait;
    // Beans are created on the thread that refreshes the context, which then calls the runners.
    private final Thread starting = Thread.currentThread();

    ShutdownAfterStart(ApplicationContext context, Duration longestWait) {
        this.context = context;
        this.longestWait = longestWait;
    }

    /** After every other listener of the event: those still belong to the start. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ready(ApplicationReadyEvent event) {
        done.countDown();
    }

    @EventListener
    void failed(ApplicationFailedEvent event) {
        done.countDown();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void closing(ContextClosedEvent event) throws InterruptedException {
        if (event.getApplicationContext() != context || Thread.currentThread() == starting || done.getCount() == 0) {
            return;
        }
        log.info("stopping once the start has finished (at most {} s)", longestWait.toSeconds());
        if (!done.await(longestWait.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("the start did not finish within {} s; stopping anyway", longestWait.toSeconds());
        }
    }
}
