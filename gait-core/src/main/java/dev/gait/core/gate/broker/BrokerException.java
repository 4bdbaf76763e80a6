package dev.gait.core.gate.broker;

/** A broker could not issue a credential; {@link #violation()} names why, for the trace. */
public final class BrokerException extends RuntimeException {
    private final String violation;

    public BrokerException(String violation, String message) {
        super(message);
        this.violation = violation;
    }

    public String violation() {
        return violation;
    }
}
