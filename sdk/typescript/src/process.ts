// Runs the gait binary as a child process in its own process group, so a timeout ends the whole
// call (the launcher and the JVM it starts), and collects its output.

import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";

const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** The gait binary: $GAIT_BIN when set, else `gait` on the PATH. */
export function defaultGaitBin(): string {
  return process.env["GAIT_BIN"] || "gait";
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutMs: number;
}

export type ProcessOutcome =
  | { kind: "exited"; exitCode: number; stdout: string; stderr: string }
  | { kind: "spawn_error"; message: string }
  | { kind: "timeout"; stderr: string };

export function runGait(bin: string, args: string[], options: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawnGait(bin, args, options);
    } catch (error) {
      resolve({ kind: "spawn_error", message: spawnMessage(bin, error) });
      return;
    }
    const stdout = new OutputBuffer();
    const stderr = new OutputBuffer();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, "SIGKILL");
    }, options.timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => stdout.add(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.add(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ kind: "spawn_error", message: spawnMessage(bin, error) });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ kind: "timeout", stderr: stderr.text() });
      } else {
        // A process ended by a signal has no exit code; report it as the shell would (128 + n).
        resolve({ kind: "exited", exitCode: code ?? 128 + signalNumber(signal), stdout: stdout.text(), stderr: stderr.text() });
      }
    });
    // A child that exits before reading its input must not crash the caller with EPIPE.
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.stdin ?? "");
  });
}

export function spawnGait(bin: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  return spawn(bin, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
}

/** Signals the child's whole process group (it leads one: spawned detached). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** The last non-empty line of standard output, parsed as JSON; undefined if it is not JSON. */
export function lastJsonLine(stdout: string): unknown {
  const line = stdout.trimEnd().split("\n").pop()?.trim();
  if (!line) {
    return undefined;
  }
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function spawnMessage(bin: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return `cannot start ${bin}: not found (set GAIT_BIN or put gait on the PATH)`;
  }
  return `cannot start ${bin}: ${error instanceof Error ? error.message : String(error)}`;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? constants.signals[signal] : 0;
}

class OutputBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  add(chunk: Buffer): void {
    if (this.size < MAX_OUTPUT_BYTES) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
