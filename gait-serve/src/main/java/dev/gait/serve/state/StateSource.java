package dev.gait.serve.state;

import java.util.List;

/**
 * Where the sidecar's decision state comes from: local files ({@link LiveState}) or the fleet
 * control plane's signed bundles. Either way it is one immutable snapshot, swapped whole.
 */
public interface StateSource {

    /** The snapshot in force; a request decides with exactly one snapshot. */
    DecisionState current();

    /** One line per problem the health endpoint reports; the state in force is still served. */
    List<String> errors();

    /** The policy digest in force. */
    default String policyDigest() {
        return current().policy().digest();
    }

    /** The trace signing key's id. */
    default String keyId() {
        return current().signer().keyId();
    }
}
