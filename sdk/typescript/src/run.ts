// Run capture: collects a run's intents and results and hands them to `gait run record`, which
// computes every digest and signs the runpack. The SDK computes none of them.

import type { CliClient, RunRecordOptions } from "./cli.js";
import type { GateDecision } from "./decision.js";
import type { IntentRequest } from "./intent.js";

export interface RecordedIntent {
  intent_id: string;
  tool_name: string;
  args: Record<string, unknown>;
}

export interface RecordedResult {
  intent_id: string;
  status: "ok" | "error";
  result: Record<string, unknown>;
}

/** The input document of `gait run record` (docs/runpack.md). */
export interface RunRecordInput {
  run: {
    run_id: string;
    env: { os: string; arch: string; runtime: string; [extra: string]: unknown };
    timeline: { event: string; ts: string; ref?: string }[];
  };
  intents: RecordedIntent[];
  results: RecordedResult[];
  refs: { receipts: unknown[] };
}

export class RunRecorder {
  readonly runId: string;
  private readonly intents: RecordedIntent[] = [];
  private readonly results: RecordedResult[] = [];
  private readonly timeline: RunRecordInput["run"]["timeline"];

  /** `runId` must look like run_<letters, digits, _ or ->; the CLI checks it. */
  constructor(runId: string) {
    this.runId = runId;
    this.timeline = [{ event: "start", ts: new Date().toISOString() }];
  }

  /** Adds a tool call about to be decided; returns its intent id. */
  addIntent(intent: IntentRequest): string {
    const intentId = `intent_${String(this.intents.length + 1).padStart(4, "0")}`;
    this.intents.push({ intent_id: intentId, tool_name: intent.tool_name, args: intent.args });
    return intentId;
  }

  /** Adds what the tool returned (a value that is not an object is kept as {value}). */
  addResult(intentId: string, status: "ok" | "error", result: unknown): void {
    this.results.push({ intent_id: intentId, status, result: asObject(result) });
  }

  /** Adds a call the gate did not allow: an error result that names the verdict and its trace. */
  addBlocked(intentId: string, decision: GateDecision): void {
    this.addResult(intentId, "error", {
      verdict: decision.verdict, // `gait regress` reads it as the recorded verdict
      reason_codes: decision.reasonCodes,
      ...(decision.traceId !== undefined ? { trace_id: decision.traceId } : {}),
      ...(decision.failure !== undefined ? { gate_failure: decision.failure.message } : {}),
    });
  }

  toRecordInput(): RunRecordInput {
    return {
      run: {
        run_id: this.runId,
        env: { os: process.platform, arch: process.arch, runtime: "node" },
        timeline: [...this.timeline, { event: "finish", ts: new Date().toISOString() }],
      },
      intents: [...this.intents],
      results: [...this.results],
      refs: { receipts: [] },
    };
  }

  /** Writes the runpack with `gait run record`; returns the CLI's answer (run_id, bundle, manifest_digest, …). */
  record(cli: CliClient, options: RunRecordOptions = {}): Promise<Record<string, unknown>> {
    return cli.recordRun(this.toRecordInput(), options);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return { value: value === undefined ? null : value };
}
