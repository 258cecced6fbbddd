package org.comity.transparency;

import java.time.Clock;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.StoredTiles;
import org.springframework.context.ApplicationContext;

/** For tests outside this package: stop a node's log writer as a crash would, start the next one. */
public final class LogWriters {

    private LogWriters() {}

    /** Stops the node's writer: entries enqueued from now on stay in the outbox. */
    public static void stop(ApplicationContext context) {
        context.getBean(LogWriter.class).stop();
    }

    /**
     * Starts a new writer on the node's database, as the node's next start does (it resumes the tree
     * and the outbox from the database); close it to stop it.
     */
    public static AutoCloseable startNew(ApplicationContext context) {
        var writer = new LogWriter(
                context.getBean(JdbcLogStore.class),
                context.getBean(StoredTiles.class),
                context.getBean(NoteSigner.class),
                context.getBean(Clock.class),
                context.getBean(TransparencyProperties.class));
        writer.start();
        return writer::stop;
    }
}
