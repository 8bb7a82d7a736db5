package ai.millrace.testkit.fakemodel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A tiny java.net.http client for the fake model server's endpoints. */
final class ModelClient {
    static final String STREAM_BODY = "{\"model\":\"fake-model\",\"stream\":true}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    ModelClient(FakeModelServer server) {
        this.baseUrl = server.baseUrl();
    }

    HttpResponse<String> post(String endpoint, String body) throws IOException, InterruptedException {
        return http.send(postRequest(endpoint, body), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String endpoint, String body) {
        return http.sendAsync(postRequest(endpoint, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<java.io.InputStream> postStreaming(String endpoint, String body) throws IOException, InterruptedException {
        return http.send(postRequest(endpoint, body), HttpResponse.BodyHandlers.ofInputStream());
    }

    HttpResponse<String> get(String endpoint) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint)).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String endpoint, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("X-Test-Header", "probe")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
