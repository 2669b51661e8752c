package io.forkliftvddk.core.registry;

import java.net.URI;

/** One HTTP response: status, headers, the URI that was requested, and the body as the caller asked for it. */
final class Response<T> {
    private final int status;
    private final Headers headers;
    private final URI uri;
    private final T body;

    Response(int status, Headers headers, URI uri, T body) {
        this.status = status;
        this.headers = headers;
        this.uri = uri;
        this.body = body;
    }

    int statusCode() {
        return status;
    }

    Headers headers() {
        return headers;
    }

    URI uri() {
        return uri;
    }

    T body() {
        return body;
    }

    <U> Response<U> withBody(U other) {
        return new Response<>(status, headers, uri, other);
    }
}
