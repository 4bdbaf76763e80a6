package dev.gait.serve.state;

import dev.gait.core.gate.ApprovedScripts;
import dev.gait.core.gate.BrokerStage;
import dev.gait.core.gate.Gate;
import dev.gait.core.gate.KillSwitch;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.sign.Signer;

/**
 * Everything one decision reads, as one immutable snapshot: a request sees either the old
 * snapshot or the new one, never a mix.
 *
 * @param killSwitch the kill-switch state, or null when none is configured
 * @param killSwitchError why the last change to the kill-switch file did not load; empty when it did
 * @param approvedScripts the verified approved scripts, or null for none
 * @param broker the least-privilege setting (the sidecar has no credential broker)
 */
public record DecisionState(Policy policy, Signer signer, KillSwitch killSwitch, String killSwitchError, ApprovedScripts.Verified approvedScripts,
                            BrokerStage.Input broker) {

    /**
     * The kill-switch input of a gate request, or null when none is configured. A kill-switch edit
     * that did not load makes the state unavailable (every decision blocks) rather than leaving the
     * previous state in force: the edit may have been the switch being turned on.
     */
    public Gate.KillSwitchInput killSwitchInput() {
        if (killSwitch == null) {
            return null;
        }
        return killSwitchError.isEmpty() ? Gate.KillSwitchInput.loaded(killSwitch) : Gate.KillSwitchInput.unavailable(killSwitchError);
    }
}
