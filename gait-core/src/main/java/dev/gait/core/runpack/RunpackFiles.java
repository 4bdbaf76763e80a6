package dev.gait.core.runpack;

import java.util.List;

/** The entry names of a runpack. */
public final class RunpackFiles {
    public static final String MANIFEST = "manifest.json";
    public static final String RUN = "run.json";
    public static final String INTENTS = "intents.jsonl";
    public static final String RESULTS = "results.jsonl";
    public static final String REFS = "refs.json";

    /** The payload files the manifest lists, in its (sorted) order. */
    public static final List<String> PAYLOADS = List.of(INTENTS, REFS, RESULTS, RUN);

    /** Gait reads at most this much of any one entry (the Go implementation's cap). */
    public static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;

    private RunpackFiles() {}
}
