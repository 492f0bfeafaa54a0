package io.nomadx.sovereign.preflight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nomadx.sovereign.config.ConfigError;
import io.nomadx.sovereign.config.ConfigSource;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.config.SettingsParser;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code bin/preflight <stack> [--json] [--endpoint-url URL] [--project-dir DIR]}
 *
 * <p>Reads the stack's settings with the program's own parser, asks the account, prints the report.
 * Exit 0: ready; 1: `pulumi up` would fail (a blocking finding); 2: bad configuration or usage. The
 * region is the stack's; the endpoint is AWS's unless `--endpoint-url` or AWS_ENDPOINT_URL names
 * another (an emulator).
 */
public final class Main {
  static final String USAGE =
      "usage: bin/preflight <stack> [--json] [--endpoint-url URL] [--project-dir DIR]";

  private Main() {}

  public static void main(String[] args) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    System.exit(
        run(
            args,
            System.getenv(),
            System.out,
            System.err,
            DefaultCredentialsProvider.builder().build(),
            http));
  }

  /**
   * Everything but the process: tests call this with their own environment, credentials and HTTP
   * client.
   */
  public static int run(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      AwsCredentialsProvider credentials,
      HttpClient http) {
    String stack = null;
    boolean json = false;
    Optional<String> endpoint =
        Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank());
    Path projectDir = Path.of(".");
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String a = rest.remove(0);
      switch (a) {
        case "--json" -> json = true;
        case "--endpoint-url" -> {
          if (rest.isEmpty()) {
            return usage(err, "--endpoint-url needs a URL");
          }
          endpoint = Optional.of(rest.remove(0));
        }
        case "--project-dir" -> {
          if (rest.isEmpty()) {
            return usage(err, "--project-dir needs a directory");
          }
          projectDir = Path.of(rest.remove(0));
        }
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (a.startsWith("-") || stack != null) {
            return usage(err, "unexpected argument " + a);
          }
          stack = a;
        }
      }
    }
    if (stack == null) {
      return usage(err, "name the stack");
    }
    Optional<URI> endpointUri;
    try {
      endpointUri = endpoint.map(URI::create);
      endpointUri
          .filter(u -> u.getScheme() == null || u.getHost() == null)
          .ifPresent(
              u -> {
                throw new IllegalArgumentException("not an absolute URL");
              });
    } catch (IllegalArgumentException e) {
      return usage(err, "--endpoint-url " + endpoint.orElse("") + ": " + e.getMessage());
    }

    Settings settings;
    try {
      settings = SettingsParser.parse(ConfigSource.fromStackFile(projectDir, stack));
    } catch (ConfigError e) {
      if (json) {
        out.print(badConfigJson(stack, e));
      }
      err.println("preflight: " + e.getMessage());
      err.println(
          "preflight: fix the configuration first (bin/plan "
              + stack
              + " lists the same problems)");
      return 2;
    }
    try (var aws = new AwsClients(settings.region().name(), endpointUri, credentials)) {
      Report report = Preflight.run(settings, aws, http);
      out.print(json ? report.json() : report.text());
      if (json) {
        err.println(report.verdictLine());
      }
      return report.exitCode();
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("preflight: " + problem);
    err.println(USAGE);
    return 2;
  }

  private static String badConfigJson(String stack, ConfigError e) {
    var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("stack", stack);
    root.put("verdict", "bad-config");
    var problems = root.putArray("problems");
    for (ConfigError.Problem p : e.problems()) {
      problems
          .addObject()
          .put("setting", p.key())
          .put("value", p.value())
          .put("allowed", p.allowed());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }
}
