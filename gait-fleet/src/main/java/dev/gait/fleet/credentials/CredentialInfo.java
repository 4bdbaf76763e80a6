package dev.gait.fleet.credentials;

import java.util.Optional;

/** A stored credential without anything secret. */
public record CredentialInfo(
        String id, Kind kind, String subjectId, Optional<String> environmentId, long createdAtMillis, Optional<Long> revokedAtMillis) {

    public enum Kind {
        /** A person's API token; the subject is a user. */
        USER,
        /** An enforcement point's token, scoped to the point's environment. */
        MACHINE
    }

    public boolean revoked() {
        return revokedAtMillis.isPresent();
    }
}
