package dev.gait.fleet.auth;

/** What a caller may do. Environment-scoped permissions are the only ones a machine can hold. */
public enum Permission {
    MANAGE_TENANCY(false),
    MANAGE_CREDENTIALS(false),
    READ_TENANCY(false),
    PUBLISH_RELEASE(false),
    READ_RELEASES(false),
    PROMOTE(false),
    READ_AUDIT(false),
    READ_ARTIFACTS(false),
    READ_POSTURE(false),
    /** Fetch the environment's active bundle. */
    READ_BUNDLE(true),
    /** Upload runpacks, traces and packs produced in the environment. */
    UPLOAD_ARTIFACT(true),
    /** Report the enforcement point's own status. */
    REPORT_STATUS(true);

    private final boolean environmentScoped;

    Permission(boolean environmentScoped) {
        this.environmentScoped = environmentScoped;
    }

    public boolean environmentScoped() {
        return environmentScoped;
    }
}
