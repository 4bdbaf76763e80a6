package dev.gait.serve.state;

import dev.gait.core.gate.Gate;
import dev.gait.core.gate.KillSwitch;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.sign.Signer;

/**
 * Everything one decision reads, as one immutable snapshot: a request sees either the old
 * snapshot or the new one, never a mix.
 *
 * @param killSwitch the kill-switch state, or null when none is configured
 */
public record DecisionState(Policy policy, Signer signer, KillSwitch killSwitch) {

    /** The kill-switch input of a gate request, or null when none is configured. */
    public Gate.KillSwitchInput killSwitchInput() {
        return killSwitch == null ? null : Gate.KillSwitchInput.loaded(killSwitch);
    }
}
