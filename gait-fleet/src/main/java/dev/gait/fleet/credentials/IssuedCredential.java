package dev.gait.fleet.credentials;

/** A newly issued credential. The token is shown to the caller once and never stored. */
public record IssuedCredential(String id, String token) {
    @Override
    public String toString() {
        return "IssuedCredential[id=" + id + ", token=<redacted>]";
    }
}
