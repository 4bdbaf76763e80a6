// The sidecar client: POST /v1/gate/evaluate on `gait serve` (docs/serve.md), and a way to start
// a sidecar as a child process.

import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { decisionFromAnswer, failedDecision, isRecord, type GateDecision, type GateClient } from "./decision.js";
import type { IntentRequest } from "./intent.js";
import { defaultGaitBin, killGroup, spawnGait } from "./process.js";

export interface SidecarClientOptions {
  /** The sidecar's base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  /** Per request; default 5 s. */
  timeoutMs?: number;
  /** Sent as `Authorization: Bearer …` (for a sidecar started with --auth-token-env). */
  authToken?: string;
}

export class SidecarClient implements GateClient {
  readonly url: string;
  private readonly timeoutMs: number;
  private readonly authToken?: string;

  constructor(options: SidecarClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.authToken = options.authToken;
  }

  /** Decides one intent. Never throws: an unreachable sidecar, an HTTP error or a bad answer blocks. */
  async evaluate(intent: IntentRequest): Promise<GateDecision> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (this.authToken !== undefined) {
      headers["Authorization"] = `Bearer ${this.authToken}`;
    }
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.url}/v1/gate/evaluate`, {
        method: "POST",
        headers,
        body: JSON.stringify(intent),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        return failedDecision({ kind: "timeout", message: `the sidecar at ${this.url} did not answer within ${this.timeoutMs} ms` });
      }
      return failedDecision({ kind: "unreachable", message: `the sidecar at ${this.url} is unreachable: ${causeOf(error)}` });
    }
    const answer = parseJson(body);
    if (response.status !== 200) {
      const envelope = isRecord(answer) ? answer : undefined;
      return failedDecision(
        {
          kind: "http",
          httpStatus: response.status,
          errorCode: typeof envelope?.["error_code"] === "string" ? envelope["error_code"] : undefined,
          message: `HTTP ${response.status}: ${typeof envelope?.["error"] === "string" ? envelope["error"] : body.slice(0, 300)}`,
        },
        envelope,
      );
    }
    return decisionFromAnswer(answer);
  }
}

export interface StartSidecarOptions {
  policy: string;
  bin?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** More `gait serve` flags, e.g. ["--trace-log", "traces.jsonl"]. */
  serveArgs?: string[];
  /** How long to wait for the first line (the launcher may build the jar first); default 120 s. */
  startTimeoutMs?: number;
  /** Passed to the client. */
  requestTimeoutMs?: number;
}

export interface RunningSidecar {
  url: string;
  policyDigest: string;
  client: SidecarClient;
  process: ChildProcess;
  /** Sends SIGTERM and waits for the sidecar to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `gait serve --listen 127.0.0.1:0 --json` and waits for the line that names its URL.
 * Rejects (and ends the process) when it exits or stays silent instead.
 */
export function startSidecar(options: StartSidecarOptions): Promise<RunningSidecar> {
  const bin = options.bin ?? defaultGaitBin();
  const args = ["serve", "--policy", options.policy, "--listen", "127.0.0.1:0", "--json", ...(options.serveArgs ?? [])];
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawnGait(bin, args, { cwd: options.cwd, env: options.env });
    let started = false;
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    const fail = (message: string): void => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      killGroup(child, "SIGKILL");
      reject(new Error(`${message}${stderr ? `; stderr: ${stderr.trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`gait serve did not report its address within ${startTimeoutMs} ms`), startTimeoutMs);
    const exited = new Promise<void>((done) => child.once("close", () => done()));
    child.once("error", (error) => fail(`cannot start ${bin}: ${error.message}`));
    // "close" comes after standard output is read to its end, so a last error line is reported first.
    child.once("close", (code) => fail(`gait serve exited with ${code} before it served`));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      const answer = parseJson(line);
      if (!isRecord(answer) || typeof answer["listening"] !== "string") {
        const reason = isRecord(answer) && typeof answer["error"] === "string" ? answer["error"] : `no address in ${line.slice(0, 300)}`;
        fail(`gait serve did not start: ${reason}`);
        return;
      }
      started = true;
      clearTimeout(timer);
      const url = answer["listening"];
      resolve({
        url,
        policyDigest: typeof answer["policy_digest"] === "string" ? answer["policy_digest"] : "",
        client: new SidecarClient({ url, timeoutMs: options.requestTimeoutMs }),
        process: child,
        stop: async () => {
          killGroup(child, "SIGTERM");
          await exited;
        },
      });
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : error.message;
  }
  return String(error);
}
