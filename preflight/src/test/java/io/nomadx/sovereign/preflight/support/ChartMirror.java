package io.nomadx.sovereign.preflight.support;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An in-region Helm repository stand-in: HTTPS on 127.0.0.1 with a throw-away certificate (made
 * with the JDK's keytool), serving `<path>/index.yaml` as set by the test. {@link #client()} is an
 * HTTP client that trusts that certificate, as a deploy runner trusts its mirror's.
 */
public final class ChartMirror implements AutoCloseable {
  private static final char[] PASSWORD = "preflight-test".toCharArray();

  private final HttpsServer server;
  private final SSLContext trust;
  private final Map<String, String> indexes = new ConcurrentHashMap<>();
  public final String base;

  public ChartMirror() throws Exception {
    Path dir = Files.createTempDirectory("chart-mirror-");
    Path store = dir.resolve("mirror.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "mirror",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
    ts.load(null, null);
    ts.setCertificateEntry("mirror", ks.getCertificate("mirror"));
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    trust = SSLContext.getInstance("TLS");
    trust.init(null, tmf.getTrustManagers(), null);

    server = LoopbackServers.https();
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            String body = indexes.get(ex.getRequestURI().getPath());
            if (body == null) {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-yaml");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
          }
        });
    server.start();
    base = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Serves `<path>/index.yaml` listing each chart at its versions (Helm's repository index format).
   */
  public void index(String path, Map<String, List<String>> charts) {
    var sb = new StringBuilder("apiVersion: v1\nentries:\n");
    charts.forEach(
        (name, versions) -> {
          sb.append("  ").append(name).append(":\n");
          for (String v : versions) {
            sb.append("  - name: ")
                .append(name)
                .append("\n    version: ")
                .append(v)
                .append("\n    urls:\n    - ")
                .append(name)
                .append('-')
                .append(v)
                .append(".tgz\n");
          }
        });
    sb.append("generated: \"2026-11-29T00:00:00Z\"\n");
    indexes.put(path + "/index.yaml", sb.toString());
  }

  public void clear() {
    indexes.clear();
  }

  public HttpClient client() {
    return HttpClient.newBuilder().sslContext(trust).build();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
