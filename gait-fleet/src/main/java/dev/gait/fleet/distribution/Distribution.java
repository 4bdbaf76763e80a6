package dev.gait.fleet.distribution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The bundle channels of every environment, by environment id, and how many polls wait on them. */
public final class Distribution {
    private final Map<String, BundleChannel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    public BundleChannel channel(String environment) {
        return channels.computeIfAbsent(environment, e -> new BundleChannel(waiting));
    }

    /** Long polls waiting right now, across environments. */
    public int waiting() {
        return waiting.get();
    }
}
