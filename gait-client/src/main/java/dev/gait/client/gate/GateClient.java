package dev.gait.client.gate;

import dev.gait.client.intent.IntentRequest;

/**
 * Asks Gait to decide an intent. Implementations never throw for a failed question: a process that
 * does not start, an answer that is not JSON, an HTTP error or a time-out all come back as a
 * {@link GateDecision#isFailure() failure}, which is a block.
 */
public interface GateClient {

    GateDecision evaluate(IntentRequest intent);
}
