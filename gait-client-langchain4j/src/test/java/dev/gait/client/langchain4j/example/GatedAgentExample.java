package dev.gait.client.langchain4j.example;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateClient;
import dev.gait.client.gate.SidecarGateClient;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.langchain4j.GaitTools;
import dev.gait.client.run.RunCapture;
import dev.gait.client.run.RunRecord;
import dev.gait.client.tool.ToolGate;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A LangChain4j {@code AiServices} agent whose tools Gait gates. A scripted chat model stands in
 * for the LLM (no network): it asks for {@code readFile} and {@code deleteFile}, then reports what
 * the tools answered. With the policy below only the read runs; the delete comes back to the model
 * as Gait's block. The run is recorded as a signed runpack by {@code gait run record}.
 *
 * <pre>
 * default_verdict: block
 * rules:
 *   - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [readFile]}}
 * </pre>
 *
 * <p>Arguments: {@code <policy.yaml> [sidecar-url]}; the CLI is {@code $GAIT_BIN} or {@code gait}.
 */
public final class GatedAgentExample {

    public static final String POLICY = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [readFile]}}
            """;

    interface Assistant {
        String chat(String message);
    }

    /** The agent's tools; the counters show which ones really ran. */
    public static final class FileTools {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger deletes = new AtomicInteger();

        @Tool("Reads a file of the workspace")
        public String readFile(@P(name = "path", value = "path of the file") String path) {
            reads.incrementAndGet();
            return "# README of " + path;
        }

        @Tool("Deletes a file of the workspace")
        public String deleteFile(@P(name = "path", value = "path of the file") String path) {
            deletes.incrementAndGet();
            return "deleted " + path;
        }
    }

    /** Plays the model: first asks for both tools, then answers with what they returned. */
    static final class ScriptedChatModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ToolExecutionResultMessage> results = request.messages().stream()
                    .filter(ToolExecutionResultMessage.class::isInstance)
                    .map(ToolExecutionResultMessage.class::cast)
                    .toList();
            AiMessage message = results.isEmpty()
                    ? AiMessage.from(call("1", "readFile"), call("2", "deleteFile"))
                    : AiMessage.from(results.stream().map(r -> r.toolName() + " -> " + r.text())
                            .collect(Collectors.joining("\n")));
            return ChatResponse.builder().aiMessage(message).build();
        }

        private static ToolExecutionRequest call(String id, String tool) {
            return ToolExecutionRequest.builder().id(id).name(tool).arguments("{\"path\":\"/repo/README.md\"}").build();
        }
    }

    /** What the agent answered, which tools ran, and the recorded run. */
    public record Outcome(String answer, int reads, int deletes, RunRecord run) {}

    public static Outcome run(GateClient gateClient, GaitCli cli, Path runpackDir) {
        RunCapture capture = new RunCapture("run_langchain4j_example", cli).outDir(runpackDir);
        ToolGate gate = new ToolGate(gateClient).recordingTo(capture);
        IntentContext context = IntentContext.builder("alice", "/repo", "low").agentId("langchain4j-example").build();
        FileTools tools = new FileTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(new ScriptedChatModel())
                .tools(GaitTools.gated(tools, gate, GaitTools.intents(context)))
                .build();
        String answer = assistant.chat("Read the README, then delete it.");
        return new Outcome(answer, tools.reads.get(), tools.deletes.get(), capture.finish());
    }

    public static void main(String[] args) {
        GaitCli cli = GaitCli.fromEnvironment();
        GateClient client = args.length > 1
                ? SidecarGateClient.of(URI.create(args[1]))
                : new CliGateClient(cli, Path.of(args[0]));
        Outcome outcome = run(client, cli, Path.of("gait-out"));
        System.out.println(outcome.answer());
        System.out.println("reads=" + outcome.reads() + " deletes=" + outcome.deletes());
        System.out.println(outcome.run().ticketFooter());
    }
}
