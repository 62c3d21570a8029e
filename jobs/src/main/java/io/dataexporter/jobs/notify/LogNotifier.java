package io.dataexporter.jobs.notify;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the notification to the log: the local default. A person at a terminal gets the subject and where the whole
 * document is; the JSON itself is logged when the output is not a terminal (a scheduler's log, a pipe), or with
 * {@code --verbose}.
 */
public final class LogNotifier implements Notifier {

    /** The system property {@code --verbose} sets: print the whole notification to the log even on a terminal. */
    public static final String VERBOSE_PROPERTY = "dataexporter.verbose";

    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    private final boolean wholeDocument;
    private final Consumer<String> log;

    /** As the run's output asks: the whole document when not on a terminal or with {@code --verbose}. */
    public LogNotifier() {
        this(System.console() == null || Boolean.getBoolean(VERBOSE_PROPERTY), LOG::info);
    }

    LogNotifier(boolean wholeDocument, Consumer<String> log) {
        this.wholeDocument = wholeDocument;
        this.log = log;
    }

    @Override
    public void send(String subject, String json) {
        log.accept(wholeDocument ? subject + "\n" + json
                : subject + " (the notification's JSON: run with --verbose to print it here, or set notifier.kind to webhook or sns)");
    }
}
