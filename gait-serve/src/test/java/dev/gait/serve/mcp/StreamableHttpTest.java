package dev.gait.serve.mcp;

import static dev.gait.serve.mcp.ProxyFixture.call;
import static dev.gait.serve.mcp.ProxyFixture.json;
import static dev.gait.serve.mcp.ProxyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.testkit.mcp.NotesMcpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamable HTTP transport on a real loopback server, with a real server process upstream. */
class StreamableHttpTest {
    private static final String INITIALIZE = request(1, "initialize",
            "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1\"}}");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<McpHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(McpHttpServer::close);
    }

    private URI start(ProxyFixture fixture, List<String> command, URI upstreamUrl) {
        McpHttpServer server = McpHttpServer.start("127.0.0.1", 0, new StreamableHttpEndpoint(fixture.gate(), 64 * 1024,
                new PrintStream(fixture.log, true, StandardCharsets.UTF_8), command, upstreamUrl));
        servers.add(server);
        return server.url();
    }

    private HttpResponse<String> post(URI url, String session, String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header(StreamableHttpEndpoint.SESSION_HEADER, session);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI url, String session, String body) throws IOException, InterruptedException {
        return post(url, session, "application/json", body);
    }

    /** Initializes a session; returns its id. */
    private String initialize(URI url) throws IOException, InterruptedException {
        HttpResponse<String> answer = post(url, null, INITIALIZE);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer.body()).object("result")).isPresent();
        String session = answer.headers().firstValue(StreamableHttpEndpoint.SESSION_HEADER).orElseThrow();
        assertThat(post(url, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
        return session;
    }

    private void assertAllowedAndBlocked(URI url, String session, ProxyFixture fixture) throws Exception {
        assertThat(json(post(url, session, request(2, "tools/list", "{}")).body()).object("result").orElseThrow()
                .array("tools").orElseThrow().size()).isEqualTo(2);
        assertThat(post(url, session, call(3, "read_note")).body()).contains("read_note n1 done");
        JsonObject blocked = json(post(url, session, call(4, "delete_note")).body()).object("result").orElseThrow();
        assertThat(blocked.get("isError")).contains(JsonBoolean.TRUE);
        assertThat(blocked.object("_meta").orElseThrow().object(CallGate.META_KEY).orElseThrow().string("verdict")).contains("block");
        assertThat(fixture.calls("read_note")).isEqualTo(1);
        assertThat(fixture.calls("delete_note")).isZero();
    }

    @Test
    void a_session_runs_its_own_server_and_only_allowed_calls_reach_it() throws Exception {
        ProxyFixture fixture = new ProxyFixture(dir);
        URI url = start(fixture, NotesMcpServer.command(fixture.counters), null);
        String session = initialize(url);
        assertAllowedAndBlocked(url, session, fixture);

        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(url).header(StreamableHttpEndpoint.SESSION_HEADER, session)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(post(url, session, call(5, "read_note")).statusCode()).isEqualTo(404);
        assertThat(fixture.calls("read_note")).isEqualTo(1);
    }

    @Test
    void requests_outside_the_transport_are_refused_before_anything_is_forwarded() throws Exception {
        ProxyFixture fixture = new ProxyFixture(dir);
        URI url = start(fixture, NotesMcpServer.command(fixture.counters), null);
        String session = initialize(url);
        assertThat(post(url, null, call(2, "read_note")).statusCode()).as("no session").isEqualTo(400);
        assertThat(post(url, "unknown", call(2, "read_note")).statusCode()).as("unknown session").isEqualTo(404);
        assertThat(post(url, session, "text/plain", call(2, "read_note")).statusCode()).as("not JSON").isEqualTo(415);
        assertThat(post(url, session, "application/json", call(2, "read_note"), "Origin", "https://evil.example").statusCode())
                .as("another origin").isEqualTo(403);
        assertThat(post(url, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"read_note\",\"arguments\":{\"id\":\""
                + "x".repeat(70_000) + "\"}}}").statusCode()).as("oversized").isEqualTo(413);
        HttpResponse<String> garbage = post(url, session, "garbage");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("-32700");
        assertThat(http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no server-initiated stream with a stdio server").isEqualTo(405);
        assertThat(fixture.calls("read_note")).isZero();
    }

    @Test
    void in_front_of_an_http_upstream_the_session_is_the_upstreams_and_blocked_calls_stop_here() throws Exception {
        // upstream: a second proxy whose policy allows everything, in front of the notes server
        ProxyFixture upstreamFixture = new ProxyFixture(dir.resolve("upstream"), "default_verdict: allow\n");
        URI upstream = start(upstreamFixture, NotesMcpServer.command(upstreamFixture.counters), null);
        ProxyFixture fixture = new ProxyFixture(dir.resolve("front"));
        URI url = start(fixture, null, upstream);
        String session = initialize(url);
        assertAllowedAndBlocked(url, session, upstreamFixture);
    }

    @Test
    void an_unreachable_http_upstream_fails_the_call_closed() throws Exception {
        ProxyFixture fixture = new ProxyFixture(dir);
        URI url = start(fixture, null, URI.create("http://127.0.0.1:1/mcp"));
        HttpResponse<String> answer = post(url, null, INITIALIZE);
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("-32000").contains("cannot reach the upstream MCP server");
    }
}
