package dev.gait.core.bundle;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;

/** A fleet release or bundle that did not verify, with the stable reason code of the first check that failed. */
public final class BundleRejectedException extends GaitException {

    /** Why a document was refused; {@link #code()} is the stable wire form. */
    public enum Reason {
        /** Not a JSON object of a known schema id and version. */
        UNKNOWN_SCHEMA("unknown_schema"),
        /** Not valid JSON, a member missing or of the wrong type, or an unknown member. */
        MALFORMED("malformed"),
        /** Valid JSON but not its RFC 8785 canonical form: the published bytes are canonical. */
        NOT_CANONICAL("not_canonical"),
        /** No signature object. */
        UNSIGNED("unsigned"),
        /** Signed by a key that is not trusted. */
        WRONG_KEY("wrong_key"),
        /** A signature that does not verify with the trusted key it names. */
        BAD_SIGNATURE("bad_signature"),
        /** The signed digest, or the policy digest, does not match the content. */
        DIGEST_MISMATCH("digest_mismatch"),
        /** A bundle for another organisation. */
        WRONG_ORG("wrong_org"),
        /** A bundle for another environment. */
        WRONG_ENVIRONMENT("wrong_environment"),
        /** A lower sequence than the bundle in force: replaying an old bundle is a rollback attack. */
        ROLLBACK("rollback"),
        /** The sequence of the bundle in force with different content. */
        SEQUENCE_REUSED("sequence_reused"),
        /** Approved-script entries that are not signed by a key the bundle trusts for them. */
        APPROVED_SCRIPTS_UNVERIFIED("approved_scripts_unverified");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public BundleRejectedException(Reason reason, String detail) {
        super(ErrorCategory.VERIFICATION_FAILED, reason.code() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
