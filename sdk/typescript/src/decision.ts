// A gate decision as the SDK reports it. Anything that is not a well-formed answer of the core
// becomes a non-allow decision that carries its cause (fail closed).

import type { IntentRequest } from "./intent.js";

export const VERDICTS = ["allow", "block", "require_approval", "dry_run"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why no verdict of the core could be used. */
export interface GateFailure {
  kind: "spawn" | "timeout" | "exit" | "invalid_answer" | "unreachable" | "http" | "client_error";
  message: string;
  /** The core's error_code (invalid_input, internal_failure, …), when it answered with an error envelope. */
  errorCode?: string;
  exitCode?: number;
  httpStatus?: number;
}

export interface GateDecision {
  verdict: Verdict;
  /** True only for a verdict of "allow" answered by the core; the one case in which a tool may run. */
  allowed: boolean;
  reasonCodes: string[];
  traceId?: string;
  tracePath?: string;
  policyDigest?: string;
  intentDigest?: string;
  matchedRule?: string;
  /** The core's JSON answer as received. */
  answer?: Record<string, unknown>;
  /** Set when the decision is the SDK's fail-closed stand-in for a missing or unusable answer. */
  failure?: GateFailure;
}

/** Anything that can decide an intent: the CLI client, the sidecar client. */
export interface GateClient {
  evaluate(intent: IntentRequest): Promise<GateDecision>;
}

/** The fail-closed stand-in: blocked, with the cause. */
export function failedDecision(failure: GateFailure, answer?: Record<string, unknown>): GateDecision {
  return { verdict: "block", allowed: false, reasonCodes: stringList(answer?.["reason_codes"]), answer, failure };
}

/**
 * Reads the core's answer (what `gate eval --json` prints and the sidecar returns). An answer
 * without ok=true and a known verdict fails closed.
 */
export function decisionFromAnswer(answer: unknown): GateDecision {
  if (!isRecord(answer)) {
    return failedDecision({ kind: "invalid_answer", message: "the answer is not a JSON object" });
  }
  if (answer["ok"] !== true) {
    return failedDecision(
      {
        kind: "invalid_answer",
        message: typeof answer["error"] === "string" ? answer["error"] : "the answer is not ok",
        errorCode: typeof answer["error_code"] === "string" ? answer["error_code"] : undefined,
      },
      answer,
    );
  }
  const verdict = answer["verdict"];
  if (!isVerdict(verdict)) {
    return failedDecision({ kind: "invalid_answer", message: `unknown verdict ${JSON.stringify(verdict)}` }, answer);
  }
  return {
    verdict,
    allowed: verdict === "allow",
    reasonCodes: stringList(answer["reason_codes"]),
    traceId: optionalString(answer["trace_id"]),
    tracePath: optionalString(answer["trace_path"]),
    policyDigest: optionalString(answer["policy_digest"]),
    intentDigest: optionalString(answer["intent_digest"]),
    matchedRule: optionalString(answer["matched_rule"]),
    answer,
  };
}

/** Thrown by gated tools when the gate did not allow the call; the tool did not run. */
export class ToolBlockedError extends Error {
  readonly verdict: Verdict;
  readonly reasonCodes: string[];
  readonly traceId?: string;
  readonly decision: GateDecision;

  constructor(toolName: string, decision: GateDecision) {
    const cause = decision.failure ? `gate unavailable (${decision.failure.kind}): ${decision.failure.message}` : `verdict ${decision.verdict}`;
    const codes = decision.reasonCodes.length > 0 ? ` [${decision.reasonCodes.join(", ")}]` : "";
    super(`gait did not allow ${toolName}: ${cause}${codes}`);
    this.name = "ToolBlockedError";
    this.verdict = decision.verdict;
    this.reasonCodes = decision.reasonCodes;
    this.traceId = decision.traceId;
    this.decision = decision;
  }

  /** What an agent framework tells the model instead of the tool's result. */
  forModel(): string {
    return `${this.message}${this.traceId ? ` (trace ${this.traceId})` : ""}; the tool did not run.`;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isVerdict(value: unknown): value is Verdict {
  return typeof value === "string" && (VERDICTS as readonly string[]).includes(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
