// The CLI client: `gait gate eval --json` for decisions, `gait run record --json` for runpacks.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decisionFromAnswer, failedDecision, isRecord, type GateDecision, type GateClient, type Verdict } from "./decision.js";
import type { IntentRequest } from "./intent.js";
import { defaultGaitBin, lastJsonLine, runGait, type ProcessOutcome } from "./process.js";
import type { RunRecordInput } from "./run.js";

export interface CliClientOptions {
  /** The gait binary (default: $GAIT_BIN, else `gait` on the PATH). */
  bin?: string;
  /** The policy; without it `gate eval` takes the one named in .gait/config.yaml. */
  policy?: string;
  /** Working directory of every call: traces and gait-out/ are written relative to it. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Per call; default 30 s. */
  timeoutMs?: number;
  /** More `gate eval` flags, e.g. ["--kill-switch-state", "state.json"]. */
  gateArgs?: string[];
}

export interface RunRecordOptions {
  runId?: string;
  captureMode?: "reference" | "raw";
  /** Where runpack_<run_id>.zip goes (default ./gait-out of the working directory). */
  outDir?: string;
  /** More `run record` flags, e.g. ["--private-key", "k.key"]. */
  extraArgs?: string[];
}

/** `gait run record --json` answered with an error (or not at all). */
export class GaitCommandError extends Error {
  readonly exitCode?: number;
  readonly errorCode?: string;
  readonly answer?: Record<string, unknown>;

  constructor(message: string, details: { exitCode?: number; errorCode?: string; answer?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "GaitCommandError";
    this.exitCode = details.exitCode;
    this.errorCode = details.errorCode;
    this.answer = details.answer;
  }
}

/** The verdicts each decision exit code may carry (docs/cli.md); any other pairing fails closed. */
const VERDICTS_BY_EXIT: Record<number, readonly Verdict[]> = { 0: ["allow", "dry_run"], 3: ["block"], 4: ["require_approval"] };

export class CliClient implements GateClient {
  readonly bin: string;
  private readonly options: CliClientOptions;

  constructor(options: CliClientOptions = {}) {
    this.bin = options.bin ?? defaultGaitBin();
    this.options = options;
  }

  /** Decides one intent with `gait gate eval --intent - --json`. Never throws: failures block. */
  async evaluate(intent: IntentRequest): Promise<GateDecision> {
    const args = ["gate", "eval", "--intent", "-", "--json"];
    if (this.options.policy !== undefined) {
      args.push("--policy", this.options.policy);
    }
    args.push(...(this.options.gateArgs ?? []));
    const outcome = await this.run(args, JSON.stringify(intent));
    if (outcome.kind === "spawn_error") {
      return failedDecision({ kind: "spawn", message: outcome.message });
    }
    if (outcome.kind === "timeout") {
      return failedDecision({ kind: "timeout", message: `gait gate eval did not answer within ${this.timeoutMs()} ms` });
    }
    const answer = lastJsonLine(outcome.stdout);
    const allowedVerdicts = VERDICTS_BY_EXIT[outcome.exitCode];
    if (allowedVerdicts === undefined) {
      return failedDecision(
        {
          kind: "exit",
          exitCode: outcome.exitCode,
          errorCode: isRecord(answer) && typeof answer["error_code"] === "string" ? answer["error_code"] : undefined,
          message: errorMessage(answer, outcome),
        },
        isRecord(answer) ? answer : undefined,
      );
    }
    const decision = decisionFromAnswer(answer);
    if (decision.failure) {
      return { ...decision, failure: { ...decision.failure, exitCode: outcome.exitCode } };
    }
    if (!allowedVerdicts.includes(decision.verdict)) {
      return failedDecision(
        { kind: "invalid_answer", exitCode: outcome.exitCode, message: `verdict ${decision.verdict} does not match exit code ${outcome.exitCode}` },
        decision.answer,
      );
    }
    return decision;
  }

  /**
   * Records a run as a signed runpack with `gait run record`: the CLI computes every digest and
   * the signature. Returns its JSON answer (run_id, bundle, manifest_digest, …).
   */
  async recordRun(input: RunRecordInput, options: RunRecordOptions = {}): Promise<Record<string, unknown>> {
    const dir = await mkdtemp(join(tmpdir(), "gait-run-"));
    try {
      const inputPath = join(dir, "run.json");
      await writeFile(inputPath, JSON.stringify(input), { mode: 0o600 });
      const args = ["run", "record", "--input", inputPath, "--json"];
      if (options.runId !== undefined) args.push("--run-id", options.runId);
      if (options.captureMode !== undefined) args.push("--capture-mode", options.captureMode);
      if (options.outDir !== undefined) args.push("--out-dir", options.outDir);
      args.push(...(options.extraArgs ?? []));
      const outcome = await this.run(args);
      if (outcome.kind === "spawn_error") throw new GaitCommandError(outcome.message);
      if (outcome.kind === "timeout") throw new GaitCommandError(`gait run record did not answer within ${this.timeoutMs()} ms`);
      const answer = lastJsonLine(outcome.stdout);
      if (outcome.exitCode !== 0 || !isRecord(answer) || answer["ok"] !== true) {
        throw new GaitCommandError(`gait run record failed: ${errorMessage(answer, outcome)}`, {
          exitCode: outcome.exitCode,
          errorCode: isRecord(answer) && typeof answer["error_code"] === "string" ? answer["error_code"] : undefined,
          answer: isRecord(answer) ? answer : undefined,
        });
      }
      return answer;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private run(args: string[], stdin?: string): Promise<ProcessOutcome> {
    return runGait(this.bin, args, { cwd: this.options.cwd, env: this.options.env, stdin, timeoutMs: this.timeoutMs() });
  }

  private timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }
}

function errorMessage(answer: unknown, outcome: Extract<ProcessOutcome, { kind: "exited" }>): string {
  if (isRecord(answer) && typeof answer["error"] === "string") {
    return `${answer["error"]} (exit ${outcome.exitCode})`;
  }
  const detail = (outcome.stderr.trim() || outcome.stdout.trim()).slice(-500);
  return `exit ${outcome.exitCode} without a JSON answer${detail ? `: ${detail}` : ""}`;
}
