package dev.gait.core.guard;

import dev.gait.core.runpack.RunpackReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an evidence pack is built from.
 *
 * @param inputs the input documents by kind, each list in Gait v1's order (sorted by the path given)
 * @param incident for incident packs: the selection window and the policy digests of the collected traces
 */
public record EvidencePackRequest(RunpackReader.Records runpack, PackInputs.RunpackSource runpackSource,
                                  Map<InputKind, List<InputDocument>> inputs, ComplianceTemplate template, String caseId,
                                  Optional<Incident> incident) {

    public EvidencePackRequest {
        inputs = Map.copyOf(inputs);
    }

    public record Incident(IncidentWindow window, List<String> policyDigests) {
        public Incident {
            policyDigests = List.copyOf(policyDigests);
        }
    }

    List<InputDocument> inputs(InputKind kind) {
        return inputs.getOrDefault(kind, List.of());
    }
}
