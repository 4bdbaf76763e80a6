package dev.gait.serve.mcp;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The proxy's gate over a real policy and key in a temporary directory, with the scripted notes server's counters. */
final class ProxyFixture {
    static final String POLICY = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [read_note]}}
              - {name: block-delete, priority: 20, effect: block, match: {tool_names: [delete_note]}, reason_codes: [note_deletion_blocked]}
              - {name: review-share, priority: 30, effect: require_approval, match: {tool_names: [share_note]}, reason_codes: [needs_review]}
              - {name: rehearse-archive, priority: 40, effect: dry_run, match: {tool_names: [archive_note]}, reason_codes: [rehearsal]}
            """;

    final Path dir;
    final Path counters;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    ProxyFixture(Path dir) {
        this(dir, POLICY);
    }

    ProxyFixture(Path dir, String policy) {
        this.dir = dir;
        this.counters = dir.resolve("counters");
        try {
            Files.createDirectories(counters);
            Files.writeString(dir.resolve("policy.yaml"), policy);
            Files.writeString(dir.resolve("trace.key"), GoKeyText.encode(Ed25519KeyPair.generate(new SecureRandom()).goPrivateKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CallGate gate(CallContext context) {
        return McpProxy.gate(new McpProxy.Options(dir.resolve("policy.yaml"), new KeySource.FileSource(dir.resolve("trace.key")), null,
                dir.resolve("traces"), dir.resolve("packs"), dir.resolve("rate_limits.json"), context, "0123456789abcdef01234567"),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    CallGate gate() {
        return gate(new CallContext("alice", "/repo", "low", "", "", ""));
    }

    /** How often the notes server ran the tool. */
    int calls(String tool) {
        Path counter = counters.resolve(tool + ".count");
        try {
            return Files.exists(counter) ? Integer.parseInt(Files.readString(counter).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject json(String line) {
        return JsonReader.strict().readObject(line.getBytes(StandardCharsets.UTF_8));
    }

    static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    static String call(int id, String tool) {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{\"id\":\"n1\"}}");
    }
}
