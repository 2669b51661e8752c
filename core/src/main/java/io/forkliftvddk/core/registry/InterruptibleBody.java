package io.forkliftvddk.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body as an InputStream whose blocking read gives up on an interrupt. The JDK 17 stream from
 * {@code BodyHandlers.ofInputStream()} keeps waiting when its thread is interrupted, so a Jenkins abort or Ctrl-C
 * could not stop a stalled kit download or blob read; this one throws {@link InterruptedIOException} and cancels the
 * exchange. Used by VDDK release discovery (on java.net.http); the registry client has its own transport ({@link Http11}).
 */
public final class InterruptibleBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    /** A body handler giving the response body as an interruptible stream (use instead of {@code ofInputStream()}). */
    public static HttpResponse.BodyHandler<InputStream> handler() {
        return info -> HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), publisher -> {
            InterruptibleBody body = new InterruptibleBody();
            publisher.subscribe(body);
            return body;
        });
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean finished;
    private volatile boolean closed;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** The next buffer with bytes left, or null at the end. */
    private ByteBuffer next() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (finished) {
                return null;
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the response");
            }
            if (o == END) {
                finished = true;
                return null;
            }
            if (o instanceof Throwable t) {
                finished = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) o;
            buffers = list.iterator();
            // one list in flight while this one is consumed: flow control without stalls
            subscription.request(1);
        }
        return current;
    }

    @Override
    public int read() throws IOException {
        ByteBuffer b = next();
        return b == null ? -1 : b.get() & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuffer b = next();
        if (b == null) {
            return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(out, off, n);
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null && !finished) {
                s.cancel();
            }
        }
    }
}
