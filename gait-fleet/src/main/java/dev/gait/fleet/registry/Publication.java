package dev.gait.fleet.registry;

/** The outcome of a publish: the release, and whether this call created it (false: same content was already there). */
public record Publication(Release release, boolean created) {}
