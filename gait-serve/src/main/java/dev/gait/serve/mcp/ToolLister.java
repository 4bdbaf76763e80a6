package dev.gait.serve.mcp;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.version.GaitVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal MCP client that asks a server for its tools: {@code initialize}, the
 * {@code notifications/initialized} notification, then {@code tools/list} page by page.
 */
public final class ToolLister {
    /** The protocol version the lister asks for (the servers answer with the one they speak). */
    static final String PROTOCOL_VERSION = "2025-11-25";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Requests (answered by their {@code result}) and notifications over one transport. */
    private interface Transport extends AutoCloseable {
        JsonObject request(int id, String method, JsonObject params);

        void notify(String method);

        @Override
        void close();
    }

    private ToolLister() {}

    /** The tools of a server started as a child process (stdio transport). */
    public static List<JsonObject> fromCommand(List<String> command, int maxMessageBytes, PrintStream log) {
        try (Transport transport = new StdioTransport(command, maxMessageBytes, log)) {
            return list(transport);
        }
    }

    /** The tools of a server at an MCP streamable HTTP endpoint. */
    public static List<JsonObject> fromUrl(URI url) {
        try (Transport transport = new HttpTransport(url)) {
            return list(transport);
        }
    }

    private static List<JsonObject> list(Transport transport) {
        transport.request(1, "initialize", JsonObject.builder()
                .put("protocolVersion", PROTOCOL_VERSION)
                .put("capabilities", JsonObject.EMPTY)
                .put("clientInfo", JsonObject.builder().put("name", "gait-mcp-verify").put("version", GaitVersion.current()).build())
                .build());
        transport.notify("notifications/initialized");
        List<JsonObject> tools = new ArrayList<>();
        String cursor = "";
        int id = 2;
        do {
            JsonObject params = cursor.isEmpty() ? JsonObject.EMPTY : JsonObject.builder().put("cursor", cursor).build();
            JsonObject page = transport.request(id++, "tools/list", params);
            for (JsonValue tool : page.array("tools").orElse(JsonArray.EMPTY).elements()) {
                if (!(tool instanceof JsonObject definition) || definition.string("name").isEmpty()) {
                    throw GaitException.invalidInput("the server listed a tool without a name");
                }
                tools.add(definition);
            }
            cursor = page.string("nextCursor").orElse("");
        } while (!cursor.isEmpty());
        return tools;
    }

    private static byte[] requestBytes(int id, String method, JsonObject params) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
                + JsonWriter.GO_MAP.write(params) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] notificationBytes(String method) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The result of a response, or a failure naming the server's error. */
    private static JsonObject result(JsonRpcMessage response, String method) {
        if (response.body().object("error").isPresent()) {
            throw GaitException.invalidInput("the server answered " + method + " with an error: "
                    + response.body().object("error").get().string("message").orElse(""));
        }
        return response.body().object("result").orElseThrow(() -> GaitException.invalidInput("the server's answer to " + method + " has no result"));
    }

    private static final class StdioTransport implements Transport {
        private final Map<String, CompletableFuture<JsonRpcMessage>> waiting = new ConcurrentHashMap<>();
        private final StdioUpstream server;

        StdioTransport(List<String> command, int maxMessageBytes, PrintStream log) {
            server = StdioUpstream.start(command, maxMessageBytes, log, message -> {
                CompletableFuture<JsonRpcMessage> answer = message.rawId() == null ? null : waiting.remove(message.rawId());
                if (answer != null && message.isResponse()) {
                    answer.complete(message);
                }
            }, () -> waiting.values().forEach(answer -> answer.completeExceptionally(
                    GaitException.invalidInput("the MCP server ended before it answered"))));
        }

        @Override
        public JsonObject request(int id, String method, JsonObject params) {
            CompletableFuture<JsonRpcMessage> answer = new CompletableFuture<>();
            waiting.put(Integer.toString(id), answer);
            server.send(requestBytes(id, method, params));
            try {
                return result(answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), method);
            } catch (ExecutionException e) {
                throw GaitException.invalidInput(e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw GaitException.invalidInput("the MCP server did not answer " + method + " within " + TIMEOUT.toSeconds() + "s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GaitException.invalidInput("interrupted", e);
            }
        }

        @Override
        public void notify(String method) {
            server.send(notificationBytes(method));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static final class HttpTransport implements Transport {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        private final URI url;
        private String sessionId;

        HttpTransport(URI url) {
            this.url = url;
        }

        @Override
        public JsonObject request(int id, String method, JsonObject params) {
            HttpResponse<InputStream> response = post(requestBytes(id, method, params));
            if (response.statusCode() != 200) {
                throw GaitException.invalidInput("the MCP server answered " + method + " with HTTP " + response.statusCode());
            }
            response.headers().firstValue(StreamableHttpEndpoint.SESSION_HEADER).ifPresent(value -> sessionId = value);
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                if (!type.startsWith("text/event-stream")) {
                    return result(JsonRpcMessage.parse(body.lines().reduce("", String::concat).getBytes(StandardCharsets.UTF_8)), method);
                }
                // an event stream: the answer is the data of the event that is the response to this id
                StringBuilder data = new StringBuilder();
                for (String line = body.readLine(); line != null; line = body.readLine()) {
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        JsonRpcMessage message = JsonRpcMessage.parse(data.toString().getBytes(StandardCharsets.UTF_8));
                        data.setLength(0);
                        if (message.isResponse() && Integer.toString(id).equals(message.rawId())) {
                            return result(message, method);
                        }
                    }
                }
                throw GaitException.invalidInput("the MCP server's event stream ended before it answered " + method);
            } catch (IOException | JsonException e) {
                throw GaitException.invalidInput("cannot read the MCP server's answer to " + method + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void notify(String method) {
            try (InputStream ignored = post(notificationBytes(method)).body()) {
                // a notification's answer (202 Accepted) has no content
            } catch (IOException e) {
                throw GaitException.invalidInput("cannot reach the MCP server at " + url + ": " + e.getMessage(), e);
            }
        }

        private HttpResponse<InputStream> post(byte[] body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (sessionId != null) {
                request.header(StreamableHttpEndpoint.SESSION_HEADER, sessionId);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw GaitException.invalidInput("cannot reach the MCP server at " + url + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GaitException.invalidInput("interrupted", e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
