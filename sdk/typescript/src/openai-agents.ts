// OpenAI Agents SDK glue: gated function tools. The gate decides each call at the tool's invoke,
// before the tool parses or runs anything; the original tool runs only on "allow".

import type { FunctionTool, RunContext } from "@openai/agents";
import { ToolBlockedError } from "./decision.js";
import { frameworkIntent, runGated, type FrameworkGateOptions } from "./gated.js";

export interface GaitAgentsOptions extends FrameworkGateOptions {
  /**
   * What the model sees when a call is not allowed: "message" (default) answers the call with a
   * text naming the verdict, as the Agents SDK answers a failing tool; "throw" ends the run with
   * ToolBlockedError.
   */
  onBlocked?: "message" | "throw";
}

// Any FunctionTool: a gated tool keeps the original's type, so it fits wherever the original did.
type AnyFunctionTool = FunctionTool<any, any, any>;

/** Returns a copy of `tool` whose every invocation is decided by the gate first. */
export function gateAgentTool<T extends AnyFunctionTool>(tool: T, options: GaitAgentsOptions): T {
  const invoke = async (runContext: RunContext<unknown>, input: string, details?: unknown): Promise<unknown> => {
    const intent = frameworkIntent(options, tool.name, parseArguments(input));
    try {
      return await runGated(options.client, intent, () => tool.invoke(runContext, input, details as never), { recorder: options.recorder });
    } catch (error) {
      if (error instanceof ToolBlockedError && options.onBlocked !== "throw") {
        return error.forModel();
      }
      throw error;
    }
  };
  const gated = Object.create(Object.getPrototypeOf(tool), Object.getOwnPropertyDescriptors(tool)) as T;
  Object.defineProperty(gated, "invoke", { value: invoke, enumerable: true, writable: true, configurable: true });
  return gated;
}

/** Gates every tool of a list, e.g. an agent's tools. */
export function gateAgentTools<T extends AnyFunctionTool>(tools: T[], options: GaitAgentsOptions): T[] {
  return tools.map((tool) => gateAgentTool(tool, options));
}

/** The model's argument text as an object; text that is not a JSON object is kept as {input}. */
function parseArguments(input: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(input) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: decided on the raw text
  }
  return { input };
}
