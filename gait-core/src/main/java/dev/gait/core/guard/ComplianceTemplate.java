package dev.gait.core.guard;

import java.util.List;

/**
 * A compliance template: the controls an evidence pack is indexed against. Gait v1's three
 * ({@code soc2}, {@code pci}, {@code incident_response}) are reproduced exactly; the others are ours.
 *
 * @param origin {@code gait-v1} or {@code gait-jvm}
 */
public record ComplianceTemplate(String templateId, String title, String origin, List<ControlRule> controls) {

    public ComplianceTemplate {
        controls = List.copyOf(controls);
    }

    /**
     * One control and the evidence that supports it: an entry supports the control when its type is
     * listed or its path contains one of the fragments.
     */
    public record ControlRule(String controlId, String title, List<EntryType> entryTypes, List<String> pathFragments) {

        public ControlRule {
            entryTypes = List.copyOf(entryTypes);
            pathFragments = List.copyOf(pathFragments);
        }

        boolean supports(PackEntry entry) {
            String path = entry.path().strip();
            return !path.isEmpty()
                    && (entryTypes.contains(entry.type()) || pathFragments.stream().anyMatch(path::contains));
        }
    }
}
