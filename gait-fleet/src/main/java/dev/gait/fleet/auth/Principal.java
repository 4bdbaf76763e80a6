package dev.gait.fleet.auth;

/**
 * Who is calling, always inside exactly one organisation. Every store operation takes one and only
 * sees rows of {@link #orgId()}.
 */
public sealed interface Principal {

    String orgId();

    /** How the audit log names this caller. */
    String actor();

    /** A person (or their API token) with a role in the organisation. */
    record User(String orgId, String userId, Role role) implements Principal {
        @Override
        public String actor() {
            return "user:" + userId;
        }
    }

    /** An enforcement point's machine credential, limited to the environment it was issued for. */
    record Machine(String orgId, String enforcementPointId, String environmentId, String credentialId)
            implements Principal {
        @Override
        public String actor() {
            return "machine:" + credentialId;
        }
    }
}
