package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A close from another thread (the SIGTERM hook) while a runner runs: with {@link ShutdownAfterStart}
 * the runner finishes on live beans and the close follows; without it the beans are destroyed under the
 * runner, which is what made the node log "Application run failed".
 */
class ShutdownAfterStartTest {

    /** Stands for the pool: what a runner needs until it is done. */
    static final class Resource implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Starts the close on another thread, waits until that thread is held or done, then looks. */
    static final class ClosingRunner implements ApplicationRunner {
        // The context may be closed by the time run() returns, so the test finds the runner here.
        static final AtomicReference<ClosingRunner> LAST = new AtomicReference<>();
        final Resource resource;
        final ConfigurableApplicationContext context;
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        volatile boolean resourceClosedWhileRunning;
        volatile boolean closeHeld;
        volatile Thread closer;

        ClosingRunner(Resource resource, ConfigurableApplicationContext context) {
            this.resource = resource;
            this.context = context;
            LAST.set(this);
        }

        @Override
        public void run(ApplicationArguments args) throws Exception {
            closer = new Thread(
                    () -> {
                        context.close();
                        closed.complete(null);
                    },
                    "test-sigterm");
            closer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!closed.isDone()
                    && closer.getState() != Thread.State.TIMED_WAITING
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100); // had the close not been held, it would have destroyed the resource by now
            closeHeld = !closed.isDone() && closer.getState() == Thread.State.TIMED_WAITING;
            resourceClosedWhileRunning = resource.closed.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Guarded {
        @Bean
        ShutdownAfterStart shutdownAfterStart(ApplicationContext context) {
            return new ShutdownAfterStart(context, Duration.ofSeconds(20));
        }

        @Bean(destroyMethod = "close")
        Resource resource() {
            return new Resource();
        }

        @Bean
        ClosingRunner runner(Resource resource, ConfigurableApplicationContext context) {
            return new ClosingRunner(resource, context);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Unguarded {
        @Bean(destroyMethod = "close")
        Resource resource() {
            return new Resource();
        }

        @Bean
        ClosingRunner runner(Resource resource, ConfigurableApplicationContext context) {
            return new ClosingRunner(resource, context);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingRunner {
        @Bean
        ShutdownAfterStart shutdownAfterStart(ApplicationContext context) {
            return new ShutdownAfterStart(context, Duration.ofSeconds(20));
        }

        @Bean
        ApplicationRunner failing() {
            return args -> {
                throw new IllegalStateException("runner failed");
            };
        }
    }

    private static SpringApplication application(Class<?> configuration) {
        var application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setRegisterShutdownHook(false);
        return application;
    }

    @Test
    void aCloseDuringTheRunnersWaitsForThem() throws Exception {
        var context = application(Guarded.class).run();
        var runner = ClosingRunner.LAST.get();

        runner.closed.get(10, TimeUnit.SECONDS);
        assertThat(runner.closeHeld).isTrue();
        assertThat(runner.resourceClosedWhileRunning).isFalse();
        assertThat(runner.resource.closed).isTrue();
        assertThat(context.isActive()).isFalse();
    }

    @Test
    void withoutItTheCloseDestroysTheBeansUnderTheRunner() throws Exception {
        application(Unguarded.class).run();
        var runner = ClosingRunner.LAST.get();

        runner.closed.get(10, TimeUnit.SECONDS);
        assertThat(runner.resourceClosedWhileRunning).isTrue();
    }

    @Test
    void aRunnerThatFailsClosesTheContextWithoutWaiting() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> application(FailingRunner.class).run()).hasMessageContaining("runner failed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aCloseAfterTheStartDoesNotWait() {
        var context = application(Plain.class).run();
        long start = System.nanoTime();
        context.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Configuration(proxyBeanMethods = false)
    static class Plain {
        @Bean
        ShutdownAfterStart shutdownAfterStart(ApplicationContext context) {
            return new ShutdownAfterStart(context, Duration.ofSeconds(20));
        }
    }
}
