package dev.gait.core.onboarding;

import dev.gait.core.canon.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What {@code gait init} and {@code gait check} read from a repository's detected surface: signals
 * (frameworks and classes of risky tool names), conservative starter rules (block destructive tools,
 * require approval for state changes), and candidate tools no pattern classifies (manual review).
 */
public record RepoSignals(List<RepoSignal> signals, List<StarterRule> starterRules, List<RepoSignal> unknownSignals) {
    static final List<String> DESTRUCTIVE = List.of("delete", "remove", "drop", "destroy", "truncate");
    static final List<String> PAYMENT = List.of("stripe", "payment", "charge", "refund", "billing", "invoice");
    static final List<String> DATA_STORE = List.of("postgres", "database", "db", "sql");
    static final List<String> STATE_CHANGE = List.of("write", "update", "create", "set", "save", "submit", "approve", "cancel", "pause",
            "resume", "restart");
    static final int MAX_TOOL_NAME = 48;

    public RepoSignals {
        signals = List.copyOf(signals);
        starterRules = List.copyOf(starterRules);
        unknownSignals = List.copyOf(unknownSignals);
    }

    public static RepoSignals derive(RepoDetection detection) {
        List<RepoSignal> signals = new ArrayList<>();
        for (String framework : detection.frameworks()) {
            signals.add(new RepoSignal("framework." + framework, "framework", framework, "high", List.of(framework),
                    "supported framework tag detected by scout"));
        }
        List<String> destructive = new ArrayList<>();
        List<String> payment = new ArrayList<>();
        List<String> dataStore = new ArrayList<>();
        List<String> stateChange = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (String tool : candidates(detection.toolNames())) {
            List<String> bucket = contains(tool, DESTRUCTIVE) ? destructive : contains(tool, PAYMENT) ? payment
                    : contains(tool, DATA_STORE) ? dataStore : contains(tool, STATE_CHANGE) ? stateChange : unclassified;
            bucket.add(tool);
        }
        addSignal(signals, "tool.destructive", "destructive_tools", destructive, "likely destructive tool names detected");
        addSignal(signals, "tool.state_change", "state_change_tools", stateChange, "likely state-changing tool names detected");
        addSignal(signals, "tool.payment", "payment_tools", payment, "payment or billing tool names detected");
        addSignal(signals, "tool.data_store", "data_store_tools", dataStore, "database or data-store tool names detected");

        List<StarterRule> rules = new ArrayList<>();
        if (!destructive.isEmpty()) {
            rules.add(new StarterRule("starter.block.destructive", "block-destructive-tools", "block", 10, first(destructive, 6),
                    List.of("destructive_tool_blocked"), "detected likely destructive tool names"));
        }
        TreeSet<String> approval = new TreeSet<>(GoStrings.BYTE_ORDER);
        approval.addAll(stateChange);
        approval.addAll(payment);
        approval.addAll(dataStore);
        if (!approval.isEmpty()) {
            rules.add(new StarterRule("starter.require_approval.state_change", "require-approval-state-changing-tools", "require_approval", 20,
                    first(List.copyOf(approval), 8), List.of("approval_required_for_state_change"),
                    "detected likely state-changing, payment, or data-store tool names"));
        }
        List<RepoSignal> unknown = unclassified.isEmpty() ? List.of() : List.of(new RepoSignal("tool.unclassified", "unclassified_tools",
                "manual_review", "low", first(unclassified, 8),
                "candidate tool names were detected but did not match a high-confidence starter rule pattern"));
        return new RepoSignals(signals, rules, unknown);
    }

    /**
     * The detected names worth a rule, lower-cased, sorted and unique: dotted names (already Gate-style),
     * and plain names that mention an action; private ({@code _x}), constant-style and very long names are not tools.
     */
    static List<String> candidates(List<String> toolNames) {
        TreeSet<String> candidates = new TreeSet<>(GoStrings.BYTE_ORDER);
        for (String raw : toolNames) {
            String name = raw.strip();
            if (name.isEmpty() || name.startsWith("_")) {
                continue;
            }
            if (name.contains(".")) {
                candidates.add(name.toLowerCase(Locale.ROOT));
            } else if (!isConstantStyle(name) && name.length() <= MAX_TOOL_NAME
                    && (contains(name, DESTRUCTIVE) || contains(name, PAYMENT) || contains(name, DATA_STORE) || contains(name, STATE_CHANGE))) {
                candidates.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(candidates);
    }

    static boolean contains(String name, List<String> fragments) {
        String lower = name.toLowerCase(Locale.ROOT);
        return fragments.stream().anyMatch(lower::contains);
    }

    private static boolean isConstantStyle(String name) {
        return name.chars().anyMatch(c -> c >= 'A' && c <= 'Z') && name.chars().noneMatch(c -> c >= 'a' && c <= 'z');
    }

    private static void addSignal(List<RepoSignal> signals, String code, String category, List<String> evidence, String reason) {
        if (!evidence.isEmpty()) {
            signals.add(new RepoSignal(code, category, category, "high", evidence, reason));
        }
    }

    static List<String> first(List<String> values, int limit) {
        return values.size() <= limit ? List.copyOf(values) : List.copyOf(values.subList(0, limit));
    }
}
