package dev.gait.fleet.config;

/** A PostgreSQL server for the store. The password comes from the environment, never from the file. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxConnections) {
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=<redacted>, maxConnections="
                + maxConnections + "]";
    }
}
