package dev.gait.core.guard;

import java.util.Set;

/** The four entry types of a guard evidence pack, inferred from an entry's file name as Gait v1 does. */
public enum EntryType {
    RUNPACK("runpack"), TRACE("trace"), REPORT("report"), EVIDENCE("evidence");

    private static final Set<String> REPORTS = Set.of(PackFiles.REGRESS_SUMMARY, PackFiles.CONTROL_INDEX,
            PackFiles.EVIDENCE_POINTERS, PackFiles.POLICY_DIGESTS, "summary.pdf", PackFiles.INPUTS, PackFiles.CONTROL_COVERAGE);

    private final String wire;

    EntryType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EntryType of(String path) {
        if (path.equals(PackFiles.RUNPACK_SUMMARY)) {
            return RUNPACK;
        }
        if (path.equals(PackFiles.TRACE_SUMMARY)) {
            return TRACE;
        }
        return REPORTS.contains(path) ? REPORT : EVIDENCE;
    }

    /** The type named by {@code wire}, or null when it is not one of the four. */
    static EntryType parse(String wire) {
        for (EntryType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        return null;
    }
}
