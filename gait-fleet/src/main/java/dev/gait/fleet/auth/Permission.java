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
    /** Fetch the environment's active bundle. */
    READ_BUNDLE(true);

    private final boolean environmentScoped;

    Permission(boolean environmentScoped) {
        this.environmentScoped = environmentScoped;
    }

    public boolean environmentScoped() {
        return environmentScoped;
    }
}
