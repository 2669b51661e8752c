package io.forkliftvddk.core.discovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on 127.0.0.1 (the JDK's), serving registered paths, with optional basic or bearer auth, and
 * recording every request (method, path, Authorization header) so tests can see where credentials went.
 */
final class TestHttpServer implements AutoCloseable {

    record Request(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Function<HttpExchange, Response>> routes = new ConcurrentHashMap<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String requiredAuthorization;

    record Response(int status, String contentType, byte[] body, Map<String, String> headers, long delayPerChunkMillis) {
        static Response ok(String contentType, byte[] body) {
            return new Response(200, contentType, body, Map.of(), 0);
        }

        static Response redirect(String location) {
            return new Response(302, "text/plain", new byte[0], Map.of("Location", location), 0);
        }
    }

    private TestHttpServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    static TestHttpServer http() throws IOException {
        return new TestHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** An https server with the key in a PKCS12 keystore (password {@code changeit}). */
    static TestHttpServer https(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        return new TestHttpServer(s);
    }

    /**
     * Makes a self-signed certificate for localhost / 127.0.0.1 with the JDK's keytool, and its PEM.
     *
     * @return the keystore; the PEM is written next to it as {@code cert.pem}
     */
    static Path selfSignedKeystore(Path dir, String cn) throws Exception {
        return selfSignedKeystore(dir, cn, "dns:localhost,ip:127.0.0.1");
    }

    static Path selfSignedKeystore(Path dir, String cn, String san) throws Exception {
        Path ks = dir.resolve(cn + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + cn, "-ext", "SAN=" + san, "-validity", "2",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-file", dir.resolve(cn + ".pem").toString()));
        return ks;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    URI base() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    URI url(String path) {
        return URI.create(base() + path);
    }

    TestHttpServer requireBasic(String user, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestHttpServer requireBearer(String token) {
        requiredAuthorization = "Bearer " + token;
        return this;
    }

    TestHttpServer serve(String path, String contentType, byte[] body) {
        routes.put(path, ex -> Response.ok(contentType, body));
        return this;
    }

    TestHttpServer serveHtml(String path, String html) {
        return serve(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    TestHttpServer route(String path, Function<HttpExchange, Response> handler) {
        routes.put(path, handler);
        return this;
    }

    List<Request> requestsFor(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String authz = ex.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(ex.getRequestMethod(), path, authz));
            if (requiredAuthorization != null && !requiredAuthorization.equals(authz)) {
                ex.getResponseHeaders().add("WWW-Authenticate", requiredAuthorization.startsWith("Basic")
                        ? "Basic realm=\"kits\"" : "Bearer realm=\"kits\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            Function<HttpExchange, Response> h = routes.get(path);
            if (h == null) {
                byte[] msg = "not found".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(404, msg.length);
                ex.getResponseBody().write(msg);
                return;
            }
            Response r = h.apply(ex);
            ex.getResponseHeaders().add("Content-Type", r.contentType());
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head || r.body().length == 0) {
                ex.getResponseHeaders().add("Content-Length", String.valueOf(r.body().length));
                ex.sendResponseHeaders(r.status(), -1);
                return;
            }
            ex.sendResponseHeaders(r.status(), r.body().length);
            OutputStream out = ex.getResponseBody();
            if (r.delayPerChunkMillis() <= 0) {
                out.write(r.body());
                return;
            }
            for (int off = 0; off < r.body().length; off += 1024) {
                out.write(r.body(), off, Math.min(1024, r.body().length - off));
                out.flush();
                Thread.sleep(r.delayPerChunkMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (an interrupted download): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
