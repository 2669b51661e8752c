package io.forkliftvddk.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body from an InputStream in large buffers. The JDK's {@code BodyPublishers.ofInputStream} reads 16 KiB at a
 * time, and each buffer travels through the client's reactive pipeline on its own: for a 70 MB layer that is over
 * 4000 hand-offs, which costs more than the bytes. Large buffers cut that to a few dozen. One subscription only
 * (a body stream cannot be replayed; uploads restart with a fresh stream).
 */
final class StreamPublisher implements Flow.Publisher<ByteBuffer> {
    static final int BUFFER_SIZE = 1024 * 1024;

    private final InputStream in;
    private final int bufferSize;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    StreamPublisher(InputStream in, int bufferSize) {
        this.in = in;
        this.bufferSize = bufferSize;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IOException("an upload body can be sent once only"));
            return;
        }
        subscriber.onSubscribe(new Subscription(subscriber));
    }

    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("non-positive request " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        /** Emits while there is demand; re-entrant calls (request from onNext) only add demand. */
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && !cancelled && demand.get() > 0) {
                    byte[] buf;
                    int n;
                    try {
                        buf = new byte[bufferSize];
                        n = in.readNBytes(buf, 0, bufferSize);
                    } catch (IOException | RuntimeException e) {
                        done = true;
                        subscriber.onError(e);
                        return;
                    }
                    if (n == 0) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(ByteBuffer.wrap(buf, 0, n));
                    if (n < bufferSize) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                }
            } while (wip.decrementAndGet() != 0);
        }
    }
}
