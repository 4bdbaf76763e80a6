package dev.gait.cli.regress;

import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;

/** The flags of a regress run. */
record RunFlags(Flag<String> config, Flag<String> output, Flag<String> junit, Flag<Boolean> contextConformance,
                Flag<Boolean> allowContextRuntimeDrift) {

    static RunFlags declare(FlagSet flags) {
        RunFlags declared = new RunFlags(
                flags.string("config", "gait.yaml", "regress configuration (JSON)"),
                flags.string("output", "regress_result.json", "where to write the regress result"),
                flags.string("junit", "", "also write a JUnit XML report to this file"),
                flags.bool("context-conformance", false, "enforce context conformance for every fixture"),
                flags.bool("allow-context-runtime-drift", false, "accept runtime-only context drift where conformance is enforced"));
        flags.bool("allow-nondeterministic", false, "allow non-deterministic graders (every built-in grader is deterministic)");
        return declared;
    }
}
