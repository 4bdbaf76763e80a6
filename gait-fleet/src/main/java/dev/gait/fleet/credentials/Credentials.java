package dev.gait.fleet.credentials;

import dev.gait.fleet.auth.Principal;
import java.util.List;
import java.util.Optional;

/** API tokens of people and machine credentials of enforcement points. */
public interface Credentials {

    /** Creates a credential for an enforcement point, limited to the point's environment. */
    IssuedCredential issueMachineCredential(Principal caller, String enforcementPointId);

    /** The principal a presented token stands for; empty for unknown, malformed, revoked or wrong tokens. */
    Optional<Principal> authenticate(String token);

    void revoke(Principal caller, String credentialId);

    List<CredentialInfo> list(Principal caller);
}
