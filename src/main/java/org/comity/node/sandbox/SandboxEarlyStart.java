package org.comity.node.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.comity.node.NodeProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.modulith.NamedInterface;
import org.springframework.util.StringUtils;

/**
 * Starts the sandbox PostgreSQL on a thread of its own as soon as the node's settings are known, so
 * its 1–4 s (with {@code initdb}) overlap Spring's configuration processing instead of following it
 * (issue 18). The {@code sandboxDatabase} bean then takes the running server; if the settings it binds
 * differ (they should not), it closes this one and starts its own, as it always did.
 *
 * <p>A start that fails here fails the node's start the same way when the bean takes it. If the
 * context fails before the bean took the server, {@link ApplicationFailedEvent} waits for it and stops
 * it, so no PostgreSQL is left running and the data directory's lock is released. Only the packaged
 * node registers this listener ({@code Comity.main}); tests and command words start nothing early.
 */
@NamedInterface("sandbox-start")
public final class SandboxEarlyStart implements ApplicationListener<ApplicationEvent> {

    static final String BEAN = "sandboxEarlyStart";
    private static final Logger log = LoggerFactory.getLogger(SandboxEarlyStart.class);

    private @Nullable Path directory;
    private int port;
    private @Nullable CompletableFuture<SandboxDatabase> starting;
    private boolean taken;
    private boolean abandoned;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        switch (event) {
            case ApplicationEnvironmentPreparedEvent prepared -> begin(prepared.getEnvironment());
            case ApplicationPreparedEvent prepared -> {
                if (starting != null) {
                    prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN, this);
                }
            }
            case ApplicationFailedEvent failed -> abandon();
            // Serving without having taken it (no bean wanted it): stop it rather than leave it running.
            case ApplicationReadyEvent ready -> abandon();
            default -> {}
        }
    }

    private void begin(ConfigurableEnvironment environment) {
        if (starting != null
                || StringUtils.hasText(environment.getProperty("comity.datasource.url"))
                || StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        NodeProperties properties;
        try {
            properties = Binder.get(environment).bindOrCreate("comity", Bindable.of(NodeProperties.class));
        } catch (RuntimeException e) {
            // Bad settings: the context's own binding reports them; start nothing here.
            return;
        }
        Path target = SandboxDatabaseConfiguration.databaseDirectory(properties);
        int chosenPort = properties.sandbox().port();
        var future = new CompletableFuture<SandboxDatabase>();
        var thread = new Thread(
                () -> {
                    try {
                        future.complete(SandboxDatabase.start(target, chosenPort));
                    } catch (Throwable e) {
                        future.completeExceptionally(e);
                    }
                },
                "sandbox-postgres-start");
        thread.setDaemon(true);
        synchronized (this) {
            directory = target;
            port = chosenPort;
            starting = future;
        }
        thread.start();
    }

    /**
     * The server started early for {@code target} and {@code wantedPort}, waiting for its start to end;
     * null when none was started for them (the caller starts its own).
     */
    synchronized @Nullable SandboxDatabase take(Path target, int wantedPort) {
        if (starting == null || taken || abandoned) {
            return null;
        }
        taken = true;
        SandboxDatabase database = join(starting);
        if (!target.equals(directory) || wantedPort != port) {
            log.warn("the sandbox PostgreSQL started early for {} is not the one configured; restarting it", directory);
            database.close();
            return null;
        }
        return database;
    }

    private synchronized void abandon() {
        if (starting == null || taken || abandoned) {
            return;
        }
        abandoned = true;
        try {
            join(starting).close();
        } catch (RuntimeException e) {
            // It failed to start: nothing runs, and the node's start failed anyway.
        }
    }

    private static SandboxDatabase join(CompletableFuture<SandboxDatabase> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
