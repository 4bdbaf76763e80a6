package dev.gait.serve.http;

import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The front door every request passes, in order: bearer token (when configured), the per-process
 * rate limit (decision calls, i.e. POST), the route's content type for POST (JSON unless the route
 * says otherwise, so a browser page cannot post with a simple cross-site request), the body size
 * limit, then the route. Whatever fails on the way is answered in the route's error format, which
 * for a decision API is never an allow.
 */
public final class Gateway {

    /** Reads up to {@code limit + 1} bytes of the body, so that a body over the limit shows. */
    public interface BodyReader {
        byte[] read(int limit) throws IOException;
    }

    /** A request as the HTTP server hands it over. */
    public record Incoming(String method, String path, String query, String baseUrl, Function<String, String> headers,
                           long contentLength, BodyReader body) {}

    private final Router router;
    private final BearerToken token;
    private final RequestRateLimit rateLimit;
    private final int maxBodyBytes;
    private final Observer observer;

    /** Told the route template (or {@link Router#UNMATCHED}) and status of every reply. */
    @FunctionalInterface
    public interface Observer {
        void replied(String route, int status);
    }

    /**
     * @param token the required bearer token, or null when none is required
     * @param observer told the route and status of every reply
     */
    public Gateway(Router router, BearerToken token, RequestRateLimit rateLimit, int maxBodyBytes, Observer observer) {
        this.router = router;
        this.token = token;
        this.rateLimit = rateLimit;
        this.maxBodyBytes = maxBodyBytes;
        this.observer = observer;
    }

    public Reply serve(Incoming in) {
        Reply reply = answer(in);
        observer.replied(router.templateFor(in.path()), reply.status());
        String requestId = in.headers().apply("X-Request-ID");
        return requestId == null ? reply : reply.withHeader("X-Request-ID", requestId);
    }

    private Reply answer(Incoming in) {
        ErrorFormat errors = router.errorsFor(in.path());
        if (token != null && !token.accepts(in.headers().apply("Authorization"))) {
            return unread(errors.error(HttpError.UNAUTHORIZED, "missing or wrong bearer token").withHeader("WWW-Authenticate", "Bearer"));
        }
        if (in.method().equals("POST") && !rateLimit.tryAcquire()) {
            return unread(errors.error(HttpError.RATE_LIMITED, "request rate above the sidecar's limit").withHeader("Retry-After", "1"));
        }
        if (in.method().equals("POST")) {
            String bodyType = router.bodyTypeFor(in.method(), in.path());
            if (!isMediaType(in.headers().apply("Content-Type"), bodyType)) {
                return unread(errors.error(HttpError.UNSUPPORTED_MEDIA_TYPE, "the body must be sent as " + bodyType));
            }
        }
        if (in.contentLength() > maxBodyBytes) {
            return unread(tooLarge(errors));
        }
        try {
            byte[] body = in.body().read(maxBodyBytes);
            if (body.length > maxBodyBytes) {
                return unread(tooLarge(errors));
            }
            return router.dispatch(new HttpCall(in.method(), in.path(), in.baseUrl(), body, in.headers(), in.query(), Map.of()));
        } catch (JsonException e) {
            return errors.error(HttpError.BAD_REQUEST, e.getMessage());
        } catch (GaitException e) {
            HttpError error = e.category().exitCode() == ExitCode.INVALID_INPUT ? HttpError.BAD_REQUEST : HttpError.INTERNAL;
            return errors.error(error, e.getMessage());
        } catch (IOException e) {
            return errors.error(HttpError.BAD_REQUEST, "cannot read the request body: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return errors.error(HttpError.INTERNAL, "internal error: " + e);
        }
    }

    private static boolean isMediaType(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().equalsIgnoreCase(expected);
    }

    /** A reply sent before the body was read whole closes the connection, so no leftover body is taken for the next request. */
    private static Reply unread(Reply reply) {
        return reply.withHeader("Connection", "close");
    }

    private Reply tooLarge(ErrorFormat errors) {
        return errors.error(HttpError.TOO_LARGE, "request body larger than " + maxBodyBytes + " bytes");
    }
}
