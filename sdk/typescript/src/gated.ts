// Gated execution: a tool runs only when the core answers "allow".

import { failedDecision, ToolBlockedError, type GateDecision, type GateClient } from "./decision.js";
import { intentRequest, type ArgProvenance, type IntentContext, type IntentRequest, type Target } from "./intent.js";
import type { RunRecorder } from "./run.js";

/** Where a gated call is captured, and how its result is kept in the run (default: as returned). */
export interface RunCapture<R> {
  recorder?: RunRecorder;
  resultForRun?: (result: R) => unknown;
}

/**
 * Decides the intent, then runs `execute` only on "allow". Any other verdict, and any failure to
 * obtain one, throws ToolBlockedError without running it. With a recorder, the call and its
 * outcome are captured for the runpack.
 */
export async function runGated<R>(
  client: GateClient,
  intent: IntentRequest,
  execute: () => R | Promise<R>,
  capture: RunCapture<R> = {},
): Promise<R> {
  const { recorder, resultForRun = (result: R): unknown => result } = capture;
  const intentId = recorder?.addIntent(intent);
  const decision = await decide(client, intent);
  if (!decision.allowed) {
    if (recorder && intentId) recorder.addBlocked(intentId, decision);
    throw new ToolBlockedError(intent.tool_name, decision);
  }
  try {
    const result = await execute();
    if (recorder && intentId) recorder.addResult(intentId, "ok", resultForRun(result));
    return result;
  } catch (error) {
    if (recorder && intentId) recorder.addResult(intentId, "error", { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** How a call's arguments become an intent: its context, targets and argument provenance. */
export interface IntentParts<A> {
  /** The context of every call, or of each call from its arguments and the policy's tool name. */
  context: IntentContext | ((args: A, toolName: string) => IntentContext);
  targets?: (args: A, toolName: string) => Target[];
  argProvenance?: (args: A, toolName: string) => ArgProvenance[];
}

export interface GateToolOptions<A> extends IntentParts<A> {
  /** The tool name the policy matches (e.g. "tool.write"). */
  toolName: string;
  recorder?: RunRecorder;
}

/** Wraps a function so that each call is decided first and runs only on "allow". */
export function gateTool<A extends Record<string, unknown>, R>(
  client: GateClient,
  options: GateToolOptions<A>,
  fn: (args: A) => R | Promise<R>,
): (args: A) => Promise<R> {
  return (args: A) => runGated(client, callIntent(options.toolName, args, options), () => fn(args), { recorder: options.recorder });
}

/** How the framework glue (LangChain.js, OpenAI Agents) turns a framework's tool call into an intent. */
export interface FrameworkGateOptions extends IntentParts<Record<string, unknown>> {
  client: GateClient;
  /** The name the policy matches; default: the framework tool's name. */
  toolName?: (frameworkToolName: string) => string;
  recorder?: RunRecorder;
}

/** The intent of one framework tool call. */
export function frameworkIntent(options: FrameworkGateOptions, frameworkToolName: string, args: Record<string, unknown>): IntentRequest {
  return callIntent(options.toolName?.(frameworkToolName) ?? frameworkToolName, args, options);
}

/** The intent of one call of the tool the policy knows as `toolName`. */
export function callIntent<A extends Record<string, unknown>>(toolName: string, args: A, parts: IntentParts<A>): IntentRequest {
  return intentRequest({
    tool_name: toolName,
    args,
    targets: parts.targets?.(args, toolName),
    arg_provenance: parts.argProvenance?.(args, toolName),
    context: typeof parts.context === "function" ? parts.context(args, toolName) : parts.context,
  });
}

/** A gate client that throws is a failure like any other: the call is blocked. */
async function decide(client: GateClient, intent: IntentRequest): Promise<GateDecision> {
  try {
    return await client.evaluate(intent);
  } catch (error) {
    return failedDecision({ kind: "client_error", message: `the gate client failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
