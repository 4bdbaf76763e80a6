// LangChain.js glue: gated tools. A wrapped tool keeps its name, description and schema; its
// invoke first asks the gate and runs the original tool only on "allow" (ToolBlockedError
// otherwise).

import { DynamicStructuredTool, type StructuredToolInterface } from "@langchain/core/tools";
import { frameworkIntent, runGated, type FrameworkGateOptions } from "./gated.js";

export type GaitLangChainOptions = FrameworkGateOptions;

/** Returns a tool that behaves like `tool` but runs only when the gate allows the call. */
export function gateLangChainTool(tool: StructuredToolInterface, options: GaitLangChainOptions): DynamicStructuredTool {
  return new DynamicStructuredTool({
    name: tool.name,
    description: tool.description,
    schema: tool.schema,
    func: async (input: unknown, runManager) => {
      const args = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : { input };
      const intent = frameworkIntent(options, tool.name, args);
      return runGated(options.client, intent, () => tool.invoke(input as never, { callbacks: runManager?.getChild() }), { recorder: options.recorder });
    },
  });
}

/** Gates every tool of a list, e.g. the tools bound to a chat model. */
export function gateLangChainTools(tools: StructuredToolInterface[], options: GaitLangChainOptions): DynamicStructuredTool[] {
  return tools.map((tool) => gateLangChainTool(tool, options));
}
