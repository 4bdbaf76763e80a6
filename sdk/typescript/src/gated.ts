// Gated execution: a tool runs only when the core answers "allow".

import { failedDecision, GaitBlockedError, type GateDecision, type GateEvaluator } from "./decision.js";
import { intentRequest, type ArgProvenance, type IntentContext, type IntentRequest, type Target } from "./intent.js";
import type { RunRecorder } from "./run.js";

/** Where a gated call is captured, and how its result is kept in the run (default: as returned). */
export interface RunCapture<R> {
  recorder?: RunRecorder;
  resultForRun?: (result: R) => unknown;
}

/**
 * Decides the intent, then runs `execute` only on "allow". Any other verdict, and any failure to
 * obtain one, throws GaitBlockedError without running it. With a recorder, the call and its
 * outcome are captured for the runpack.
 */
export async function runGated<R>(
  evaluator: GateEvaluator,
  intent: IntentRequest,
  execute: () => R | Promise<R>,
  capture: RunCapture<R> = {},
): Promise<R> {
  const { recorder, resultForRun = (result: R): unknown => result } = capture;
  const intentId = recorder?.recordIntent(intent);
  const decision = await decide(evaluator, intent);
  if (!decision.allowed) {
    if (recorder && intentId) recorder.recordNotAllowed(intentId, decision);
    throw new GaitBlockedError(intent.tool_name, decision);
  }
  try {
    const result = await execute();
    if (recorder && intentId) recorder.recordResult(intentId, "ok", resultForRun(result));
    return result;
  } catch (error) {
    if (recorder && intentId) recorder.recordResult(intentId, "error", { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** How a tool's arguments become an intent. */
export interface GateToolOptions<A> {
  /** The tool name the policy matches (e.g. "tool.write"). */
  toolName: string;
  context: IntentContext | ((args: A) => IntentContext);
  targets?: (args: A) => Target[];
  argProvenance?: (args: A) => ArgProvenance[];
  recorder?: RunRecorder;
}

/** Wraps a function so that each call is decided first and runs only on "allow". */
export function gateTool<A extends Record<string, unknown>, R>(
  evaluator: GateEvaluator,
  options: GateToolOptions<A>,
  fn: (args: A) => R | Promise<R>,
): (args: A) => Promise<R> {
  return (args: A) => runGated(evaluator, toolIntent(options, args), () => fn(args), { recorder: options.recorder });
}

/** The intent of one call of a gated tool. */
export function toolIntent<A extends Record<string, unknown>>(options: GateToolOptions<A>, args: A): IntentRequest {
  return intentRequest({
    tool_name: options.toolName,
    args,
    targets: options.targets?.(args),
    arg_provenance: options.argProvenance?.(args),
    context: typeof options.context === "function" ? options.context(args) : options.context,
  });
}

/** How the framework glue (LangChain.js, OpenAI Agents) turns a framework's tool call into an intent. */
export interface FrameworkGateOptions {
  evaluator: GateEvaluator;
  /** The context of every call (or per call, from the policy's tool name and the arguments). */
  context: IntentContext | ((toolName: string, args: Record<string, unknown>) => IntentContext);
  /** The name the policy matches; default: the framework tool's name. */
  toolName?: (frameworkToolName: string) => string;
  targets?: (toolName: string, args: Record<string, unknown>) => Target[];
  argProvenance?: (toolName: string, args: Record<string, unknown>) => ArgProvenance[];
  recorder?: RunRecorder;
}

/** The intent of one framework tool call. */
export function frameworkIntent(options: FrameworkGateOptions, frameworkToolName: string, args: Record<string, unknown>): IntentRequest {
  const toolName = options.toolName?.(frameworkToolName) ?? frameworkToolName;
  return intentRequest({
    tool_name: toolName,
    args,
    targets: options.targets?.(toolName, args),
    arg_provenance: options.argProvenance?.(toolName, args),
    context: typeof options.context === "function" ? options.context(toolName, args) : options.context,
  });
}

/** An evaluator that throws is a failure like any other: the call is blocked. */
async function decide(evaluator: GateEvaluator, intent: IntentRequest): Promise<GateDecision> {
  try {
    return await evaluator.evaluate(intent);
  } catch (error) {
    return failedDecision({ kind: "evaluator_error", message: `the evaluator failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
