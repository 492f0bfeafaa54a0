package io.nomadx.sovereign.preflight.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint preflight is pointed at in tests: moto for every call it implements, and recorded
 * responses (src/test/resources/recorded, each citing the API reference page of its shape) for the
 * three it does not: Service Quotas values of EC2 quotas (moto 5.2.5 knows only the vpc service's
 * defaults), EKS DescribeClusterVersions and DescribeAddonVersions (not implemented), and SSM's
 * public EKS AMI parameters (moto refuses names under /aws/ and ships none for EKS). It also
 * records every IAM action asked, so a test can hold preflight/iam-policy.json to the calls really
 * made.
 */
public final class AwsStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

  private final HttpServer server;
  private final URI moto;
  private final HttpClient http = HttpClient.newHttpClient();
  public final URI endpoint;

  /** EC2 quota code -> {name, value}: what GetServiceQuota answers for service ec2. */
  private final Map<String, Object[]> ec2Quotas = new ConcurrentHashMap<>();

  /** EC2 quota code -> {name, value}: what GetAWSDefaultServiceQuota answers (AWS's default). */
  private final Map<String, Object[]> ec2Defaults = new ConcurrentHashMap<>();

  /** Public SSM parameters published in the region, name -> value. */
  private final Map<String, String> publicParameters = new ConcurrentHashMap<>();

  /** Services whose calls are refused with AccessDenied (as a policy without them would). */
  private final Set<String> denied = ConcurrentHashMap.newKeySet();

  private final Set<String> actions = ConcurrentHashMap.newKeySet();
  private final JsonNode clusterVersions;
  private final JsonNode addonVersions;
  private final JsonNode quotaTemplate;
  private final JsonNode parameterTemplate;

  public AwsStandIn(URI moto) throws IOException {
    this.moto = moto;
    this.clusterVersions = recorded("describe-cluster-versions.json");
    this.addonVersions = recorded("describe-addon-versions.json");
    this.quotaTemplate = recorded("get-service-quota.json");
    this.parameterTemplate = recorded("get-parameter.json");
    this.server = LoopbackServers.http();
    server.createContext("/", this::handle);
    server.start();
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    preparedRegion();
  }

  private static JsonNode recorded(String name) throws IOException {
    try (InputStream in = AwsStandIn.class.getResourceAsStream("/recorded/" + name)) {
      return JSON.readTree(in).get("body");
    }
  }

  /**
   * An account whose EC2 quotas were raised, in a region that publishes AL2023 AMIs for 1.32 to
   * 1.34.
   */
  public void preparedRegion() {
    ec2Quotas.clear();
    ec2Defaults.clear();
    publicParameters.clear();
    denied.clear();
    ec2Quota("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 640);
    ec2Quota("L-7295265B", "Running On-Demand X instances", 128);
    // Never raised: GetServiceQuota has no applied value, only the default answers.
    ec2Defaults.put("L-0263D0A3", new Object[] {"EC2-VPC Elastic IPs", 5.0});
    for (String v : List.of("1.32", "1.33", "1.34")) {
      for (String arch : List.of("x86_64", "arm64")) {
        publicParameters.put(
            "/aws/service/eks/optimized-ami/"
                + v
                + "/amazon-linux-2023/"
                + arch
                + "/standard/recommended/release_version",
            v + ".2-20251120");
      }
    }
  }

  public void ec2Quota(String code, String name, double value) {
    ec2Quotas.put(code, new Object[] {name, value});
  }

  public void unpublish(String parameterName) {
    publicParameters.remove(parameterName);
  }

  public void deny(String service) {
    denied.add(service);
  }

  /** IAM actions asked since the last {@link #clearActions()}, as "service:Action". */
  public Set<String> actions() {
    return Set.copyOf(actions);
  }

  public void clearActions() {
    actions.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
      Matcher m = SCOPE.matcher(auth);
      String service = m.find() ? m.group(1) : "unknown";
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      String action = action(service, target, ex.getRequestURI(), body);
      actions.add(service + ":" + action);
      if (denied.contains(service)) {
        json(
            ex,
            400,
            Map.of("x-amzn-ErrorType", "AccessDeniedException"),
            error(
                "AccessDeniedException",
                "User is not authorized to perform: " + service + ":" + action));
        return;
      }
      if (service.equals("servicequotas")) {
        JsonNode req = JSON.readTree(body);
        if (req.path("ServiceCode").asText().equals("ec2")) {
          serviceQuota(ex, action, req.path("QuotaCode").asText());
          return;
        }
      } else if (service.equals("eks")) {
        eks(ex);
        return;
      } else if (service.equals("ssm") && action.equals("GetParameter")) {
        String name = JSON.readTree(body).path("Name").asText();
        if (name.startsWith("/aws/service/eks/")) {
          parameter(ex, name);
          return;
        }
      }
      forward(ex, body);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private static String action(String service, String target, URI uri, byte[] body) {
    if (target != null) {
      return target.substring(target.lastIndexOf('.') + 1);
    }
    if (service.equals("eks")) {
      String path = uri.getPath();
      return path.startsWith("/addons/supported-versions")
          ? "DescribeAddonVersions"
          : path.startsWith("/cluster-versions") ? "DescribeClusterVersions" : "REST " + path;
    }
    return form(new String(body, StandardCharsets.UTF_8))
        .getOrDefault("Action", List.of("?"))
        .get(0);
  }

  private void serviceQuota(HttpExchange ex, String action, String code) throws IOException {
    Object[] q = (action.equals("GetServiceQuota") ? ec2Quotas : ec2Defaults).get(code);
    if (q == null || !List.of("GetServiceQuota", "GetAWSDefaultServiceQuota").contains(action)) {
      json(
          ex,
          400,
          Map.of(),
          error(
              "NoSuchResourceException",
              "The request failed because the specified service quota does not exist."));
      return;
    }
    ObjectNode body = quotaTemplate.deepCopy();
    ObjectNode quota = (ObjectNode) body.get("Quota");
    quota
        .put("QuotaCode", code)
        .put("QuotaName", (String) q[0])
        .put("Value", (double) q[1])
        .put(
            "QuotaArn",
            "arn:aws:servicequotas:me-central-1:" + MotoServer.ACCOUNT + ":ec2/" + code);
    json(ex, 200, Map.of(), body);
  }

  private void parameter(HttpExchange ex, String name) throws IOException {
    String value = publicParameters.get(name);
    if (value == null) {
      json(ex, 400, Map.of(), error("ParameterNotFound", "Parameter " + name + " not found."));
      return;
    }
    ObjectNode body = parameterTemplate.deepCopy();
    ((ObjectNode) body.get("Parameter"))
        .put("Name", name)
        .put("Value", value)
        .put("ARN", "arn:aws:ssm:me-central-1::parameter" + name);
    json(ex, 200, Map.of(), body);
  }

  private void eks(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    Map<String, List<String>> q =
        form(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
    if (path.equals("/cluster-versions")) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode out = body.putArray("clusterVersions");
      List<String> wanted = q.getOrDefault("clusterVersions", List.of());
      clusterVersions
          .path("clusterVersions")
          .forEach(
              v -> {
                if (wanted.isEmpty() || wanted.contains(v.path("clusterVersion").asText())) {
                  out.add(v);
                }
              });
      json(ex, 200, Map.of(), body);
    } else if (path.equals("/addons/supported-versions")) {
      String name = q.getOrDefault("addonName", List.of("")).get(0);
      String k8s = q.getOrDefault("kubernetesVersion", List.of("")).get(0);
      ObjectNode body = JSON.createObjectNode();
      ArrayNode out = body.putArray("addons");
      for (JsonNode addon : addonVersions.path("addons")) {
        if (!name.isEmpty() && !addon.path("addonName").asText().equals(name)) {
          continue;
        }
        ObjectNode copy = addon.deepCopy();
        ArrayNode versions = copy.putArray("addonVersions");
        addon
            .path("addonVersions")
            .forEach(
                v -> {
                  boolean fits = k8s.isEmpty();
                  for (JsonNode c : v.path("compatibilities")) {
                    fits |= c.path("clusterVersion").asText().equals(k8s);
                  }
                  if (fits) {
                    versions.add(v);
                  }
                });
        out.add(copy);
      }
      json(ex, 200, Map.of(), body);
    } else {
      json(
          ex,
          404,
          Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
          error("ResourceNotFoundException", "no such route " + path));
    }
  }

  private void forward(HttpExchange ex, byte[] body) throws IOException {
    var req =
        HttpRequest.newBuilder(moto.resolve(ex.getRequestURI().toString()))
            .method(
                ex.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (var h : ex.getRequestHeaders().entrySet()) {
      String k = h.getKey().toLowerCase(java.util.Locale.ROOT);
      if (List.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding")
          .contains(k)) {
        continue;
      }
      h.getValue().forEach(v -> req.header(h.getKey(), v));
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    r.headers()
        .map()
        .forEach(
            (k, vs) -> {
              if (!List.of("content-length", "transfer-encoding", "connection", "date", "server")
                  .contains(k.toLowerCase(java.util.Locale.ROOT))) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, v));
              }
            });
    ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
    ex.getResponseBody().write(r.body());
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("__type", type);
    e.put("message", message);
    return e;
  }

  private static void json(HttpExchange ex, int status, Map<String, String> headers, JsonNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static Map<String, List<String>> form(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
