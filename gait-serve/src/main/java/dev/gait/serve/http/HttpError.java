package dev.gait.serve.http;

/**
 * The HTTP error kinds: HTTP status, the stable {@code error_code} of the error envelope,
 * whether retrying can help, and a hint for the caller.
 */
public enum HttpError {
    BAD_REQUEST(400, "invalid_input", false, "check the request body against the endpoint's schema"),
    UNAUTHORIZED(401, "unauthorized", false, "send Authorization: Bearer <token> with the sidecar's token"),
    FORBIDDEN(403, "forbidden", false, "use a credential of the organisation or environment the path names"),
    NOT_FOUND(404, "not_found", false, "see the endpoint list in the sidecar's documentation"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", false, "use the method the endpoint documents"),
    TOO_LARGE(413, "request_too_large", false, "send a smaller body or raise --max-body-bytes"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", false, "send the body as Content-Type: application/json"),
    RATE_LIMITED(429, "rate_limited", true, "retry after a short wait or raise --max-rps"),
    INTERNAL(500, "internal_failure", true, "retry after checking the sidecar's stderr");

    private final int status;
    private final String code;
    private final boolean retryable;
    private final String hint;

    HttpError(int status, String code, boolean retryable, String hint) {
        this.status = status;
        this.code = code;
        this.retryable = retryable;
        this.hint = hint;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public String hint() {
        return hint;
    }
}
