package dev.gait.serve.mcp;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An upstream MCP server run as a child process (the stdio transport): messages go to its standard
 * input one per line, each line it prints is parsed and handed on, its standard error is passed
 * through. A line that is not a JSON-RPC message, or is over the size limit, is dropped and logged:
 * nothing unparsed reaches the client.
 */
public final class StdioUpstream implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final Thread reader;

    private StdioUpstream(Process process, Thread reader) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = reader;
    }

    /**
     * Starts the server; {@code onMessage} gets every message it prints and {@code onExit} runs once
     * its output ends (it exited or closed standard output).
     */
    public static StdioUpstream start(List<String> command, int maxMessageBytes, PrintStream log, Consumer<JsonRpcMessage> onMessage,
                                      Runnable onExit) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw GaitException.invalidInput("cannot start the upstream MCP server " + command + ": " + e.getMessage(), e);
        }
        Thread reader = Thread.ofPlatform().daemon().name("gait-mcp-upstream").unstarted(() -> {
            LineReader lines = new LineReader(process.getInputStream(), maxMessageBytes);
            try {
                for (byte[] line = lines.next(); line != null; line = lines.next()) {
                    if (line == LineReader.OVERSIZE) {
                        log.println("gait mcp: dropped a message from the upstream server larger than " + maxMessageBytes + " bytes");
                        continue;
                    }
                    try {
                        onMessage.accept(JsonRpcMessage.parse(line));
                    } catch (JsonException e) {
                        log.println("gait mcp: dropped a line from the upstream server that is not a JSON-RPC message: " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                log.println("gait mcp: reading the upstream server failed: " + e.getMessage());
            } finally {
                onExit.run();
            }
        });
        StdioUpstream upstream = new StdioUpstream(process, reader);
        reader.start();
        return upstream;
    }

    /** Writes one message; false when the server no longer reads its input. */
    public synchronized boolean send(byte[] message) {
        try {
            stdin.write(message);
            stdin.write('\n');
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the server's input (the stdio way to ask it to end), then ends it if it has not ended within the grace time. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the server already closed its input: it is ending anyway
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            reader.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
