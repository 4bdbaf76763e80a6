package dev.gait.core.gate.policy;

import java.util.Collection;
import java.util.List;

/** Gait's list rule (trimmed, no empties, de-duplicated, sorted by UTF-8 bytes) for code outside the policy package. */
public final class PolicyLists {

    private PolicyLists() {}

    public static List<String> normalized(Collection<String> values) {
        return PolicyValues.list(values, false);
    }
}
