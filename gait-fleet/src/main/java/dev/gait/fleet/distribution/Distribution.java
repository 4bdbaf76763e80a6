package dev.gait.fleet.distribution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The bundle channels of every environment, by environment id, and how many polls wait on them. */
public final class Distribution {
    private final Map<String, BundleChannel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    public BundleChannel channel(String environment) {
        return channels.computeIfAbsent(environment, e -> new BundleChannel(waiting));
    }

    /**
     * Loads and publishes what is in force in every environment whose newest promotion is newer
     * than what its channel serves: how a promotion made on another replica reaches this one.
     *
     * @param latest each environment's newest promotion sequence
     */
    public void refresh(Map<String, Long> latest, Function<String, BundleChannel.InForce> load) {
        latest.forEach((environment, sequence) -> {
            BundleChannel channel = channel(environment);
            if (sequence > channel.inForce().sequence()) {
                channel.publish(load.apply(environment));
            }
        });
    }

    /** Answers every waiting long poll, so that the server can stop without waiting for them. */
    public void close() {
        channels.values().forEach(BundleChannel::close);
    }

    /** Long polls waiting right now, across environments. */
    public int waiting() {
        return waiting.get();
    }
}
