package dev.gait.serve.mcp;

import static dev.gait.serve.mcp.ProxyFixture.call;
import static dev.gait.serve.mcp.ProxyFixture.json;
import static dev.gait.serve.mcp.ProxyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.testkit.mcp.NotesMcpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stdio relay between a client (this test, over pipes) and a real server process. */
class StdioProxyTest {
    private static final String INITIALIZE = request(1, "initialize",
            "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1\"}}");

    @TempDir
    Path dir;

    private PrintStream toProxy;
    private BufferedReader fromProxy;
    private CompletableFuture<StdioProxy.End> end;

    private ProxyFixture start(String... serverOptions) throws IOException {
        ProxyFixture fixture = new ProxyFixture(dir);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        toProxy = new PrintStream(new PipedOutputStream(clientIn), true, StandardCharsets.UTF_8);
        PipedInputStream clientOut = new PipedInputStream(1 << 20);
        PipedOutputStream proxyOut = new PipedOutputStream(clientOut);
        fromProxy = new BufferedReader(new InputStreamReader(clientOut, StandardCharsets.UTF_8));
        StdioProxy proxy = new StdioProxy(fixture.gate(), 64 * 1024, new PrintStream(fixture.log, true, StandardCharsets.UTF_8));
        end = CompletableFuture.supplyAsync(() -> {
            try {
                return proxy.run(clientIn, proxyOut, NotesMcpServer.command(fixture.counters, serverOptions));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return fixture;
    }

    @AfterEach
    void closeClient() {
        if (toProxy != null) {
            toProxy.close();
        }
    }

    private JsonObject exchange(String line) throws IOException {
        toProxy.println(line);
        return json(fromProxy.readLine());
    }

    @Test
    void the_allowed_call_reaches_the_server_and_the_blocked_one_is_answered_by_the_proxy() throws Exception {
        ProxyFixture fixture = start();
        assertThat(exchange(INITIALIZE).object("result").orElseThrow().object("serverInfo").orElseThrow().string("name")).contains("notes");
        toProxy.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(exchange(request(2, "tools/list", "{}")).object("result").orElseThrow().array("tools").orElseThrow().size()).isEqualTo(2);

        JsonObject allowed = exchange(call(3, "read_note"));
        assertThat(allowed.get("id").orElseThrow().toString()).contains("3");
        assertThat(allowed.object("result").orElseThrow().toString()).contains("read_note n1 done");

        JsonObject blocked = exchange(call(4, "delete_note")).object("result").orElseThrow();
        assertThat(blocked.get("isError")).contains(JsonBoolean.TRUE);
        JsonObject decision = blocked.object("_meta").orElseThrow().object(CallGate.META_KEY).orElseThrow();
        assertThat(decision.string("verdict")).contains("block");
        // the server's destructive annotation from tools/list reached the gate as a target hint
        assertThat(decision.array("reason_codes").orElseThrow().toString()).contains("note_deletion_blocked", "destructive_apply_requires_approval");
        assertThat(Path.of(decision.string("trace_path").orElseThrow())).exists();
        assertThat(Path.of(decision.string("pack_path").orElseThrow())).exists();

        assertThat(fixture.calls("read_note")).isEqualTo(1);
        assertThat(fixture.calls("delete_note")).isZero();
        toProxy.close();
        assertThat(end.get(30, TimeUnit.SECONDS)).isEqualTo(StdioProxy.End.CLIENT_CLOSED);
    }

    @Test
    void require_approval_is_a_tool_error_and_a_dry_run_is_a_result_neither_reaches_the_server() throws Exception {
        ProxyFixture fixture = start();
        exchange(INITIALIZE);
        JsonObject review = exchange(call(3, "share_note")).object("result").orElseThrow();
        assertThat(review.get("isError")).contains(JsonBoolean.TRUE);
        assertThat(review.toString()).contains("gait: approval required for share_note: approval_token_missing, needs_review (trace ");
        JsonObject rehearsal = exchange(call(4, "archive_note")).object("result").orElseThrow();
        assertThat(rehearsal.get("isError")).contains(JsonBoolean.FALSE);
        assertThat(rehearsal.toString()).contains("gait: dry run of archive_note, not executed: rehearsal (trace ");
        assertThat(fixture.calls("share_note") + fixture.calls("archive_note")).isZero();
    }

    @Test
    void lines_that_are_not_messages_and_oversized_messages_are_refused_and_never_forwarded() throws Exception {
        ProxyFixture fixture = start();
        exchange(INITIALIZE);
        JsonObject garbage = exchange("this is not JSON");
        assertThat(garbage.object("error").orElseThrow().get("code").orElseThrow().toString()).contains("-32700");
        JsonObject oversize = exchange(request(5, "tools/call", "{\"name\":\"read_note\",\"arguments\":{\"id\":\"" + "x".repeat(70_000) + "\"}}"));
        assertThat(oversize.object("error").orElseThrow().get("code").orElseThrow().toString()).contains("-32600");
        JsonObject nameless = exchange(request(6, "tools/call", "{\"arguments\":{}}"));
        assertThat(nameless.object("error").orElseThrow().get("code").orElseThrow().toString()).contains("-32602");
        // the stream is still in step: the next call is decided and answered
        assertThat(exchange(call(7, "read_note")).object("result").orElseThrow().toString()).contains("read_note n1 done");
        assertThat(fixture.calls("read_note")).isEqualTo(1);
    }

    @Test
    void a_server_line_that_is_not_a_message_or_is_oversized_never_reaches_the_client() throws Exception {
        ProxyFixture fixture = start("--garbage");
        JsonObject first = exchange(INITIALIZE);
        assertThat(first.object("result")).isPresent();
        assertThat(fixture.log.toString(StandardCharsets.UTF_8))
                .contains("dropped a line from the upstream server that is not a JSON-RPC message")
                .contains("dropped a message from the upstream server larger than 65536 bytes");
    }

    @Test
    void requests_the_server_leaves_unanswered_when_it_exits_get_an_error_and_the_relay_ends() throws Exception {
        ProxyFixture fixture = start("--exit-on-call");
        exchange(INITIALIZE);
        JsonObject answer = exchange(call(8, "read_note"));
        assertThat(answer.get("id").orElseThrow().toString()).contains("8");
        assertThat(answer.object("error").orElseThrow().get("code").orElseThrow().toString()).contains("-32000");
        assertThat(end.get(30, TimeUnit.SECONDS)).isEqualTo(StdioProxy.End.UPSTREAM_ENDED);
        assertThat(fixture.calls("read_note")).isZero();
    }

    @Test
    void a_call_that_cannot_be_decided_is_not_forwarded() throws Exception {
        ProxyFixture fixture = start();
        // a file where the trace directory should be: the signed trace cannot be written, so the decision fails
        Files.writeString(dir.resolve("traces"), "not a directory");
        exchange(INITIALIZE);
        JsonObject answer = exchange(call(9, "read_note"));
        assertThat(answer.object("error").orElseThrow().get("code").orElseThrow().toString()).contains("-32603");
        assertThat(fixture.calls("read_note")).isZero();
    }
}
