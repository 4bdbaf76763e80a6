// LangChain.js agent middleware (`createAgent` of the langchain package): every tool call the
// agent makes is decided by the gate in wrapToolCall, and the tool runs only on "allow".

import { ToolMessage } from "@langchain/core/messages";
import { createMiddleware } from "langchain";
import { ToolBlockedError } from "./decision.js";
import { frameworkIntent, runGated, type FrameworkGateOptions } from "./gated.js";

export interface GaitMiddlewareOptions extends FrameworkGateOptions {
  /**
   * What the model sees when a call is not allowed: "message" (default) answers the call with an
   * error tool message naming the verdict; "throw" ends the agent run (LangChain raises a
   * MiddlewareError whose cause is the ToolBlockedError).
   */
  onBlocked?: "message" | "throw";
}

/** A middleware for `createAgent({ middleware: [gaitToolMiddleware(…)] })`. */
export function gaitToolMiddleware(options: GaitMiddlewareOptions) {
  return createMiddleware({
    name: "GaitToolGate",
    wrapToolCall: async (request, handler) => {
      const { toolCall } = request;
      const intent = frameworkIntent(options, toolCall.name, toolCall.args);
      try {
        return await runGated(options.client, intent, () => handler(request), {
          recorder: options.recorder,
          resultForRun: (result) => (ToolMessage.isInstance(result) ? { content: result.content, status: result.status ?? "success" } : { command: true }),
        });
      } catch (error) {
        if (error instanceof ToolBlockedError && options.onBlocked !== "throw") {
          return new ToolMessage({ content: error.forModel(), tool_call_id: toolCall.id ?? "", name: toolCall.name, status: "error" });
        }
        throw error;
      }
    },
  });
}
