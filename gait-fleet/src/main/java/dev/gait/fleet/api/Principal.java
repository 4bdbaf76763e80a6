package dev.gait.fleet.api;

/**
 * Who a request acts as, from its bearer token: an administrator of one organisation, or the
 * machine credential of one enforcement point, which is scoped to one environment (or nobody, on
 * a public route).
 *
 * @param subject the administrator's name, or the enforcement point's id
 * @param environment the machine's environment; empty for an administrator
 */
public record Principal(Kind kind, String organisation, String environment, String subject) {

    public enum Kind { ADMIN, MACHINE, ANONYMOUS }

    /** The caller of a public route, who presented no credential. */
    public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, "", "", "");

    public static Principal admin(String organisation, String name) {
        return new Principal(Kind.ADMIN, organisation, "", name);
    }

    public static Principal machine(String organisation, String environment, String pointId) {
        return new Principal(Kind.MACHINE, organisation, environment, pointId);
    }
}
