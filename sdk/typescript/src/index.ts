// @gait/sdk: build intents, ask the gait decision core (CLI or sidecar), run tools only on
// "allow", and record runs as runpacks through the CLI. The SDK never decides.

export * from "./intent.js";
export { ToolBlockedError, VERDICTS, decisionFromAnswer, failedDecision, type GateClient, type GateDecision, type GateFailure, type Verdict } from "./decision.js";
export { CliClient, GaitCommandError, type CliClientOptions, type RunRecordOptions } from "./cli.js";
export { SidecarClient, startSidecar, type RunningSidecar, type SidecarClientOptions, type StartSidecarOptions } from "./sidecar.js";
export { callIntent, frameworkIntent, gateTool, runGated, type FrameworkGateOptions, type GateToolOptions, type IntentParts, type RunCapture } from "./gated.js";
export { RunRecorder, type RecordedIntent, type RecordedResult, type RunRecordInput } from "./run.js";
export { defaultGaitBin } from "./process.js";
