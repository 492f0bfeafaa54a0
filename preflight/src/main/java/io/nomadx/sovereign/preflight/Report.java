package io.nomadx.sovereign.preflight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What preflight found: findings (each a problem), what it verified, and what it could not verify
 * and why. Rendered as text for people and as JSON for pipelines.
 */
public final class Report {
  private final String stack;
  private final String accountId;
  private final String region;
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> passed = new ArrayList<>();
  private final List<String> notChecked = new ArrayList<>();
  private final java.util.Set<String> refusingServices = new java.util.HashSet<>();

  public Report(String stack, String accountId, String region) {
    this.stack = stack;
    this.accountId = accountId;
    this.region = region;
  }

  public void add(Finding finding) {
    findings.add(finding);
  }

  /** A fact verified against the account, e.g. "ec2/L-1216C47A: 66 of 640 vCPUs". */
  public void passed(String check, String what) {
    passed.add(check + ": " + what);
  }

  /** Something preflight cannot ask this account, with the reason. Not a failure. */
  public void notChecked(String check, String why) {
    notChecked.add(check + ": " + why);
  }

  /** True the first time a service refuses preflight's credentials (Calls reports it once). */
  boolean firstRefusal(String service) {
    return refusingServices.add(service);
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  public List<String> passed() {
    return List.copyOf(passed);
  }

  public List<String> notChecked() {
    return List.copyOf(notChecked);
  }

  public long blocking() {
    return findings.stream().filter(f -> f.severity() == Finding.Severity.BLOCKING).count();
  }

  public long warnings() {
    return findings.size() - blocking();
  }

  /** 1 when `pulumi up` would fail (a blocking finding), else 0. */
  public int exitCode() {
    return blocking() > 0 ? 1 : 0;
  }

  public String verdictLine() {
    String counts =
        blocking() + " blocking, " + warnings() + (warnings() == 1 ? " warning" : " warnings");
    return "preflight: "
        + counts
        + " - "
        + (blocking() > 0 ? "`pulumi up` would fail" : "the account is ready for `pulumi up`");
  }

  public String text() {
    var sb = new StringBuilder();
    sb.append("preflight ")
        .append(stack)
        .append(": account ")
        .append(accountId)
        .append(", region ")
        .append(region)
        .append('\n');
    for (String p : passed) {
      sb.append("  ok    ").append(p).append('\n');
    }
    for (String n : notChecked) {
      sb.append("  skip  ").append(n).append('\n');
    }
    for (Finding f : findings) {
      sb.append(f.severity() == Finding.Severity.BLOCKING ? "  FAIL  " : "  WARN  ")
          .append(f.check())
          .append(" - ")
          .append(f.setting())
          .append('\n')
          .append("        has:   ")
          .append(f.has())
          .append('\n')
          .append("        needs: ")
          .append(f.needs())
          .append('\n')
          .append("        fix:   ")
          .append(f.fix())
          .append('\n');
    }
    sb.append(verdictLine()).append('\n');
    return sb.toString();
  }

  public String json() {
    var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("stack", stack);
    root.put("accountId", accountId);
    root.put("region", region);
    root.put("verdict", blocking() > 0 ? "fail" : "pass");
    root.put("blocking", blocking());
    root.put("warnings", warnings());
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      ObjectNode o = list.addObject();
      o.put("check", f.check());
      o.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
      o.put("setting", f.setting());
      o.put("has", f.has());
      o.put("needs", f.needs());
      o.put("fix", f.fix());
    }
    passed.forEach(root.putArray("passed")::add);
    notChecked.forEach(root.putArray("notChecked")::add);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
