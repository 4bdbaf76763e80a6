package dev.gait.serve.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Host names as the servers and their clients judge them. */
public final class Hosts {
    private Hosts() {}

    /**
     * Whether {@code host} names a loopback address. A name that does not resolve is not loopback, so
     * whatever loopback would have excused (no token, plain http) is still required of it.
     */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
