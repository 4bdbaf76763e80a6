// The gate's intent request (gait.gate.intent_request 1.0.0, with the v1.4 action-context fields).
// Wire documents keep the schema's snake_case names, so what you build is what the core reads.

export const INTENT_SCHEMA_ID = "gait.gate.intent_request";
export const INTENT_SCHEMA_VERSION = "1.0.0";
export const SDK_PRODUCER_VERSION = "gait-sdk-typescript/0.0.0-dev";

export type TargetKind = "path" | "url" | "host" | "repo" | "bucket" | "table" | "queue" | "topic" | "other";
export type EndpointClass =
  | "fs.read" | "fs.write" | "fs.delete" | "proc.exec" | "net.http" | "net.dns"
  | "ui.click" | "ui.type" | "ui.navigate" | "other";
export type DiscoveryMethod = "webmcp" | "dynamic_mcp" | "a2a" | "mcp" | "static_mcp" | "manual" | "unknown";

export interface Target {
  kind: TargetKind;
  value: string;
  operation?: string;
  sensitivity?: string;
  endpoint_class?: EndpointClass;
  endpoint_domain?: string;
  destructive?: boolean;
  discovery_method?: DiscoveryMethod;
  read_only_hint?: boolean;
  destructive_hint?: boolean;
  idempotent_hint?: boolean;
  open_world_hint?: boolean;
}

export interface ArgProvenance {
  arg_path: string;
  source: "user" | "tool_output" | "external" | "system";
  source_ref?: string;
  integrity_digest?: string;
}

export interface AgentIdentity {
  lifecycle_states?: string[];
  owner?: string;
  manifest_digest?: string;
  publisher?: string;
  source?: string;
  issued_at?: string;
  approved_at?: string;
  expires_at?: string;
  revoked?: boolean;
}

export interface Sandbox {
  network_mode?: "disabled" | "egress_allowlist" | "full";
  writable_paths?: string[];
  read_only_roots?: string[];
  env_exposure_mode?: "none" | "allowlist" | "full";
  timeout_seconds?: number;
  filesystem_isolation?: "none" | "workspace" | "container";
  user_mode?: "default" | "root" | "unprivileged";
  evidence_ref?: string;
  evidence_digest?: string;
}

/** Who acts, where, and with what: `identity`, `workspace` and `risk_class` are required. */
export interface IntentContext {
  identity: string;
  workspace: string;
  risk_class: string;
  phase?: "plan" | "apply";
  agent_id?: string;
  agent_identity?: AgentIdentity;
  run_id?: string;
  workflow_id?: string;
  repo?: string;
  environment?: string;
  job_id?: string;
  session_id?: string;
  request_id?: string;
  credential_ref?: string;
  credential_source?: string;
  credential_access_type?: string;
  credential_issuer?: string;
  credential_subject?: string;
  credential_owner?: string;
  credential_target_binding?: string;
  credential_run_binding?: string;
  credential_job_binding?: string;
  credential_ttl_seconds?: number;
  approval_ref?: string;
  wrkr_inventory_ref?: string;
  agent_action_bom_ref?: string;
  sandbox?: Sandbox;
  auth_context?: Record<string, unknown>;
  credential_scopes?: string[];
  environment_fingerprint?: string;
  context_set_digest?: string;
  context_evidence_mode?: "best_effort" | "required";
  context_refs?: string[];
  /** The schema lets the context carry further members. */
  [extra: string]: unknown;
}

export interface ScriptStep {
  tool_name: string;
  args: Record<string, unknown>;
  targets?: Target[];
  arg_provenance?: ArgProvenance[];
}

export interface SkillProvenance {
  skill_name: string;
  skill_version?: string;
  source: string;
  publisher: string;
  digest?: string;
  signature_key_id?: string;
}

export interface DelegationLink {
  delegator_identity: string;
  delegate_identity: string;
  scope_class?: string;
  token_ref?: string;
  issued_at?: string;
  expires_at?: string;
}

export interface Delegation {
  requester_identity: string;
  scope_class?: string;
  token_refs?: string[];
  issued_at?: string;
  expires_at?: string;
  chain?: DelegationLink[];
}

export interface EntityRef {
  kind: string;
  id: string;
}

/** The relationship envelope: how this call relates to traces, runs, agents and policies. */
export interface Relationship {
  parent_ref?: EntityRef;
  entity_refs?: EntityRef[];
  policy_ref?: { policy_id?: string; policy_version?: string; policy_digest?: string; matched_rule_ids?: string[] };
  agent_chain?: { identity: string; role: "requester" | "delegator" | "delegate" }[];
  edges?: { kind: string; from: EntityRef; to: EntityRef }[];
  parent_record_id?: string;
  related_record_ids?: string[];
  related_entity_ids?: string[];
  agent_lineage?: { agent_id: string; delegated_by?: string; delegation_record_id?: string }[];
}

export interface IntentRequest {
  schema_id: typeof INTENT_SCHEMA_ID;
  schema_version: typeof INTENT_SCHEMA_VERSION;
  created_at: string;
  producer_version: string;
  tool_name: string;
  args: Record<string, unknown>;
  targets: Target[];
  context: IntentContext;
  arg_provenance?: ArgProvenance[];
  script?: { steps: ScriptStep[] };
  skill_provenance?: SkillProvenance;
  delegation?: Delegation;
  relationship?: Relationship;
}

/** What a caller describes; the builder adds the schema header. */
export interface IntentInput {
  tool_name: string;
  args?: Record<string, unknown>;
  targets?: Target[];
  context: IntentContext;
  arg_provenance?: ArgProvenance[];
  script?: { steps: ScriptStep[] };
  skill_provenance?: SkillProvenance;
  delegation?: Delegation;
  relationship?: Relationship;
  /** RFC 3339; defaults to now. */
  created_at?: string;
  producer_version?: string;
}

/**
 * Builds an intent request. It only assembles the document: normalisation, validation and the
 * digest are the core's (an invalid intent comes back as a non-allow decision).
 */
export function intentRequest(input: IntentInput): IntentRequest {
  const { created_at, producer_version, args, targets, ...rest } = input;
  return {
    schema_id: INTENT_SCHEMA_ID,
    schema_version: INTENT_SCHEMA_VERSION,
    created_at: created_at ?? new Date().toISOString(),
    producer_version: producer_version ?? SDK_PRODUCER_VERSION,
    ...rest,
    args: args ?? {},
    targets: targets ?? [],
  };
}
