package io.dataexporter.jobs.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs the notification JSON to a URL, with the subject in the {@code X-Data-Exporter-Subject} header. */
public final class WebhookNotifier implements Notifier {

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public WebhookNotifier(URI url) {
        this.url = url;
    }

    @Override
    public void send(String subject, String json) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Data-Exporter-Subject", subject).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Webhook " + url + " answered HTTP " + response.statusCode() + " to the run notification");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot post the run notification to " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while posting the run notification to " + url, e);
        }
    }
}
