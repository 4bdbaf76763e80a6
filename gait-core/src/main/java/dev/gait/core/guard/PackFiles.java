package dev.gait.core.guard;

/** Entry names inside a guard evidence pack. */
public final class PackFiles {
    public static final String MANIFEST = "pack_manifest.json";
    public static final String RUNPACK_SUMMARY = "runpack_summary.json";
    public static final String REFERENCED_RUNPACKS = "referenced_runpacks.json";
    public static final String TRACE_SUMMARY = "trace_summary.json";
    public static final String REGRESS_SUMMARY = "regress_summary.json";
    public static final String POLICY_DIGESTS = "policy_digests.json";
    public static final String CONTROL_INDEX = "control_index.json";
    public static final String EVIDENCE_POINTERS = "evidence_pointers.json";
    /** Ours: the inputs the pack was built from, named by digest. */
    public static final String INPUTS = "pack_inputs.json";
    /** Ours: which controls of the template have evidence and which do not. */
    public static final String CONTROL_COVERAGE = "control_coverage.json";

    /** Gait v1's reader limit for one entry. */
    public static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;

    private PackFiles() {}

    /** {@code evidence_pack_<pack_id>.zip}, as v1 names every guard and incident pack. */
    public static String fileName(String packId) {
        return "evidence_pack_" + packId + ".zip";
    }
}
