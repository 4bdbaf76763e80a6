package dev.gait.fleet.store;

import dev.gait.fleet.credentials.CredentialInfo;
import dev.gait.fleet.credentials.IssuedCredential;
import dev.gait.fleet.credentials.SecretTokens;

/** Inserts credentials: a fresh secret is hashed, stored as salt and hash, and returned once in the token. */
final class CredentialRows {

    private CredentialRows() {}

    static IssuedCredential insert(
            Transactions.Write write, String orgId, CredentialInfo.Kind kind, String subjectId, String environmentId) {
        String id = RandomIds.next("cred");
        String secret = SecretTokens.newSecret();
        SecretTokens.Hashed hashed = SecretTokens.hash(secret);
        write.handle().createUpdate("INSERT INTO credentials "
                        + "(id, org_id, kind, subject_id, environment_id, salt, secret_hash, created_at) "
                        + "VALUES (:id, :org, :kind, :subject, :env, :salt, :hash, :now)")
                .bind("id", id)
                .bind("org", orgId)
                .bind("kind", kind.name())
                .bind("subject", subjectId)
                .bind("env", environmentId)
                .bind("salt", hashed.salt())
                .bind("hash", hashed.hash())
                .bind("now", write.now())
                .execute();
        return new IssuedCredential(id, SecretTokens.token(id, secret));
    }
}
