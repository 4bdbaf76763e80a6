package dev.gait.serve.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The only request-handling class that speaks Jetty: it hands each request to the {@link Gateway} and writes the
 * reply. It is a blocking handler, so Jetty runs it on a virtual thread.
 */
public final class JettyHandler extends Handler.Abstract {
    private final Gateway gateway;

    public JettyHandler(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpURI uri = request.getHttpURI();
        HttpFields headers = request.getHeaders();
        Reply reply = gateway.serve(new Gateway.Incoming(request.getMethod(), Request.getPathInContext(request),
                uri.getQuery(), uri.getScheme() + "://" + uri.getAuthority(), headers::get, request.getLength(),
                limit -> body(request, limit)));
        response.setStatus(reply.status());
        HttpFields.Mutable out = response.getHeaders();
        out.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(out::put);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    /**
     * Up to {@code limit + 1} bytes of the body. A declared length (never above the limit here) sizes the read, so a
     * small body does not cost a buffer sized for the largest one.
     */
    private static byte[] body(Request request, int limit) throws IOException {
        long declared = request.getLength();
        int expected = declared >= 0 && declared <= limit ? (int) declared : limit;
        return Content.Source.asInputStream(request).readNBytes(expected + 1);
    }
}
