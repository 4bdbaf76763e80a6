package dev.gait.serve.fleet;

import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.gate.BrokerStage;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.sign.Signer;
import dev.gait.serve.state.DecisionState;
import dev.gait.serve.state.StateSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecar's decision state when it follows a control plane: the verified bundle in force, swapped
 * whole. Before any bundle has verified, every decision is made by a policy that blocks everything
 * with reason {@value #UNAVAILABLE}, through the same core as any other decision (signed trace
 * included).
 */
public final class FleetState implements StateSource {
    public static final String UNAVAILABLE = "fleet_bundle_unavailable";
    private static final Policy BLOCK_EVERYTHING = Policy.parse("""
            default_verdict: block
            rules:
              - name: fleet-bundle-unavailable
                priority: 1
                effect: block
                match: {}
                reason_codes: [%s]
            """.formatted(UNAVAILABLE), "fleet bundle unavailable");

    /** A verified bundle and the snapshot built from it. */
    private record Active(FleetBundle.Verified bundle, DecisionState state) {}

    private final Signer signer;
    private final DecisionState unavailable;
    private volatile Active active;
    private volatile String refusal = "";

    /** @param signer signs the traces of every decision */
    public FleetState(Signer signer) {
        this.signer = signer;
        this.unavailable = new DecisionState(BLOCK_EVERYTHING, signer, null, "", null, BrokerStage.Input.NONE);
    }

    @Override
    public DecisionState current() {
        Active in = active;
        return in == null ? unavailable : in.state();
    }

    /** The bundle in force, if one has verified. */
    public Optional<FleetBundle.Verified> bundle() {
        Active in = active;
        return in == null ? Optional.empty() : Optional.of(in.bundle());
    }

    void activate(FleetBundle.Verified bundle) {
        BrokerStage.Input broker = new BrokerStage.Input(null, "", List.of(), bundle.leastPrivilege());
        active = new Active(bundle, new DecisionState(bundle.content().policy(), signer, bundle.content().killSwitchState(), "",
                bundle.approvedScripts(), broker));
        refusal = "";
    }

    void refused(String reason) {
        refusal = reason;
    }

    @Override
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        if (active == null) {
            errors.add("fleet_bundle: no verified bundle yet; every decision blocks (" + UNAVAILABLE + ")");
        }
        if (!refusal.isEmpty()) {
            errors.add("fleet_bundle: refused the latest bundle, the previous state stays in force: " + refusal);
        }
        return errors;
    }
}
