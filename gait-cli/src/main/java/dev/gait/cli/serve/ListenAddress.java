package dev.gait.cli.serve;

import dev.gait.cli.flags.UsageException;

/** {@code --listen HOST:PORT}; an IPv6 host is written in brackets ({@code [::1]:8787}). */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException("--listen must be HOST:PORT, got " + text);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--listen: port must be a number, got " + value.substring(colon + 1));
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--listen: port must be between 0 and 65535");
        }
        return new ListenAddress(host, port);
    }
}
