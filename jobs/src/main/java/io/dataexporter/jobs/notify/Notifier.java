package io.dataexporter.jobs.notify;

/** Sends a run's notification: one message per run, with a readable subject and a JSON body. */
public interface Notifier {

    void send(String subject, String json);
}
