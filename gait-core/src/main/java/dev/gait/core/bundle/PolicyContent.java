package dev.gait.core.bundle;

import dev.gait.core.bundle.BundleRejectedException.Reason;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.ApprovedScripts;
import dev.gait.core.gate.KillSwitch;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.StrictMembers;
import java.util.List;
import java.util.Set;

/**
 * What a release publishes and a bundle distributes: the policy (its YAML text and digest), the
 * approved-script entries and the kill-switch state. Built only from parts that load, so a
 * document carries nothing an enforcement point would refuse.
 *
 * @param policy the parsed policy; its source text travels in the document
 * @param policyYaml the policy's YAML text, exactly as published
 * @param approvedScripts signed {@code gait.gate.approved_script_entry} entries, possibly none
 * @param killSwitch {@code gait.gate.kill_switch_state}, or null for none
 */
public record PolicyContent(Policy policy, String policyYaml, List<JsonObject> approvedScripts, JsonObject killSwitch) {
    static final Set<String> MEMBERS = Set.of("policy", "approved_scripts", "kill_switch");
    private static final Set<String> POLICY_MEMBERS = Set.of("yaml", "digest");

    public PolicyContent {
        approvedScripts = List.copyOf(approvedScripts);
    }

    /** Parses the policy and kill-switch state; invalid input when either does not load. */
    public static PolicyContent of(String policyYaml, List<JsonObject> approvedScripts, JsonObject killSwitch) {
        Policy policy = Policy.parse(policyYaml, "release policy");
        if (killSwitch != null) {
            KillSwitch.fromState(killSwitch, "release kill_switch");
        }
        return new PolicyContent(policy, policyYaml, approvedScripts, killSwitch);
    }

    /** The kill-switch state, or null when the content carries none. */
    public KillSwitch killSwitchState() {
        return killSwitch == null ? null : KillSwitch.fromState(killSwitch, "kill_switch");
    }

    public ApprovedScripts scripts() {
        return new ApprovedScripts(approvedScripts);
    }

    void writeTo(JsonObject.Builder document) {
        document.put("policy", JsonObject.builder().put("yaml", policyYaml).put("digest", policy.digest()).build());
        if (!approvedScripts.isEmpty()) {
            document.put("approved_scripts", new JsonArray(List.copyOf(approvedScripts)));
        }
        if (killSwitch != null) {
            document.put("kill_switch", killSwitch);
        }
    }

    /** Reads the content of a signed document: the policy must parse to the digest it carries. */
    static PolicyContent read(JsonObject body) {
        JsonObject policyMember = SignedDocument.object(body, "policy");
        List<JsonObject> scripts;
        JsonObject killSwitch;
        SignedDocument.only(policyMember, POLICY_MEMBERS, "policy");
        try {
            scripts = StrictMembers.objects(body, "approved_scripts");
            killSwitch = StrictMembers.object(body, "kill_switch").orElse(null);
        } catch (JsonException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
        String yaml = SignedDocument.text(policyMember, "yaml");
        String digest = SignedDocument.text(policyMember, "digest");
        PolicyContent content;
        try {
            content = of(yaml, scripts, killSwitch);
        } catch (GaitException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
        if (!content.policy().digest().equals(digest)) {
            throw new BundleRejectedException(Reason.DIGEST_MISMATCH,
                    "policy digest " + digest + " does not match the policy, whose digest is " + content.policy().digest());
        }
        return content;
    }
}
