package io.nomadx.sovereign.preflight.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * moto's server (PyPI moto[server]) on 127.0.0.1 at a free port, as account {@link #ACCOUNT}: the
 * emulated AWS the preflight tests ask. Found at -Dpreflight.moto, $PREFLIGHT_MOTO_SERVER, the venv
 * `.ci/run` installs (~/.cache/sovereign-milvus-preflight/moto) or on PATH. State is reset between
 * tests (POST /moto-api/reset, moto docs "Server mode"); {@link #close()} ends the process.
 */
public final class MotoServer implements AutoCloseable {
  /** The prod stack's account (Pulumi.prod-me-central-1.yaml). */
  public static final String ACCOUNT = "111111111111";

  public static final String INSTALL =
      "python3 -m venv ~/.cache/sovereign-milvus-preflight/moto && "
          + "~/.cache/sovereign-milvus-preflight/moto/bin/pip install 'moto[server]==5.2.5'";

  private final Process process;
  public final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  private static MotoServer shared;

  /**
   * One server for every test class of this JVM (each resets it before use): moto's start-up, a
   * Python import of every AWS service model, is paid once. Ends with the JVM.
   */
  public static synchronized MotoServer shared() throws IOException, InterruptedException {
    if (shared == null || !shared.process.isAlive()) {
      shared = start();
      MotoServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return shared;
  }

  public static MotoServer start() throws IOException, InterruptedException {
    String binary = locate();
    int port = freePort();
    Path log = Files.createTempFile("moto-", ".log");
    var pb =
        new ProcessBuilder(binary, "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("MOTO_ACCOUNT_ID", ACCOUNT);
    // No catalogue of public AMIs: moto builds ~1,100 of them, each with a volume and a snapshot,
    // whenever it makes a region's EC2 backend, twice per reset (moto/core/base_backend.py `reset`
    // re-initialises each backend in use before dropping it; the next EC2 call makes it anew):
    // about half of moto's time in these tests (cProfile). Preflight never asks for AMIs (node
    // AMIs come from SSM parameters); Account#running registers the one it launches. Switch:
    // moto/settings.py `ec2_load_default_amis`, read in moto/ec2/models/amis.py `_load_amis`.
    pb.environment().put("MOTO_EC2_LOAD_DEFAULT_AMIS", "false");
    Process p = pb.start();
    var server = new MotoServer(p, URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("moto_server exited: " + Files.readString(log));
      }
      try {
        server.http.send(
            HttpRequest.newBuilder(server.endpoint.resolve("/moto-api/")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return server;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    server.close();
    throw new IllegalStateException(
        "moto_server did not answer on " + server.endpoint + " within 60 s");
  }

  /** Forgets every resource, as a new account would be. */
  public void reset() throws IOException, InterruptedException {
    var r =
        http.send(
            HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("moto reset answered " + r.statusCode());
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String locate() {
    String explicit = System.getProperty("preflight.moto", System.getenv("PREFLIGHT_MOTO_SERVER"));
    List<String> candidates = new java.util.ArrayList<>();
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(explicit);
    }
    candidates.add(
        System.getProperty("user.home")
            + "/.cache/sovereign-milvus-preflight/moto/bin/moto_server");
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      candidates.add(dir + "/moto_server");
    }
    return candidates.stream()
        .filter(c -> Files.isExecutable(Path.of(c)))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("moto_server not found; install it: " + INSTALL));
  }

  static int freePort() throws IOException {
    try (var s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
