package io.dataexporter.jobs.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the notification to the log: the local default. */
public final class LogNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public void send(String subject, String json) {
        LOG.info("{}\n{}", subject, json);
    }
}
