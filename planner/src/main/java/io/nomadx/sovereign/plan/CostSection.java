package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan's cost section and the monthly delta between two plans, both read from the stack output
 * `monthlyCost` (cost/CostEstimate#toOutput), so a live stack's export diffs the same way.
 */
final class CostSection {
  static final String OUTPUT = "monthlyCost";

  private CostSection() {}

  /** The stack's `monthlyCost` output, or a missing node. */
  static JsonNode of(JsonNode export) {
    for (JsonNode r : export.path("deployment").path("resources")) {
      if (r.path("type").asText().equals("pulumi:pulumi:Stack")) {
        return r.path("outputs").path(OUTPUT);
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  static List<String> render(JsonNode cost) {
    var out = new ArrayList<String>();
    if (cost.isMissingNode()) {
      return out;
    }
    if (cost.has("error")) {
      out.add("Cost per month: not estimated: " + cost.path("error").asText());
      return out;
    }
    out.add(
        "Cost per month, on demand in "
            + cost.path("region").asText()
            + " (prices of "
            + cost.path("pricesAsOf").asText()
            + ", USD 1 = AED "
            + cost.path("aedPerUsd").asText()
            + "; "
            + cost.path("confidence").asText()
            + "):");
    for (JsonNode c : cost.path("components")) {
      out.add(
          row(
              c.path("component").asText(),
              c.path("usdPerMonth").asDouble(),
              c.path("aedPerMonth").asDouble()));
    }
    out.add(row("total", cost.path("usdPerMonth").asDouble(), cost.path("aedPerMonth").asDouble()));
    var left = new ArrayList<String>();
    cost.path("notPriced").forEach(n -> left.add(n.asText()));
    if (!left.isEmpty()) {
      out.add("  not in the total: " + String.join("; ", left));
    }
    return out;
  }

  /**
   * What the change does to the monthly bill, per component and in total; says so when it cannot
   * tell.
   */
  static String delta(JsonNode oldExport, JsonNode newExport) {
    JsonNode before = of(oldExport);
    JsonNode after = of(newExport);
    String head = "Cost per month against the earlier plan";
    if (after.isMissingNode() || after.has("error")) {
      return head
          + ": no estimate for this plan"
          + (after.has("error") ? " (" + after.path("error").asText() + ")" : "")
          + "\n";
    }
    String now =
        "now USD "
            + money(after.path("usdPerMonth").asDouble())
            + " / AED "
            + money(after.path("aedPerMonth").asDouble());
    if (before.isMissingNode()) {
      return head
          + ": the earlier plan has no cost estimate (no "
          + OUTPUT
          + " stack output), so no delta; "
          + now
          + "\n";
    }
    if (before.has("error")) {
      return head
          + ": the earlier plan's cost was not estimated ("
          + before.path("error").asText()
          + "), so no delta; "
          + now
          + "\n";
    }
    var out = new ArrayList<String>();
    double rate = after.path("aedPerUsd").asDouble();
    Map<String, double[]> rows = new LinkedHashMap<>();
    before
        .path("components")
        .forEach(
            c ->
                rows.computeIfAbsent(c.path("component").asText(), k -> new double[2])[0] =
                    c.path("usdPerMonth").asDouble());
    after
        .path("components")
        .forEach(
            c ->
                rows.computeIfAbsent(c.path("component").asText(), k -> new double[2])[1] =
                    c.path("usdPerMonth").asDouble());
    double was = before.path("usdPerMonth").asDouble();
    double is = after.path("usdPerMonth").asDouble();
    if (Math.abs(is - was) < 0.005
        && rows.values().stream().allMatch(v -> Math.abs(v[1] - v[0]) < 0.005)) {
      return head
          + ": unchanged, USD "
          + money(is)
          + " / AED "
          + money(after.path("aedPerMonth").asDouble())
          + "\n";
    }
    out.add(head + " (USD; " + after.path("confidence").asText() + "):");
    rows.forEach(
        (name, v) -> {
          if (Math.abs(v[1] - v[0]) >= 0.005) {
            out.add(change(name, v[0], v[1], rate));
          }
        });
    out.add(
        change("total", was, is, rate)
            + (was > 0 ? String.format(Locale.ROOT, " (%+.1f%%)", 100 * (is - was) / was) : ""));
    return String.join("\n", out) + "\n";
  }

  private static String change(String name, double was, double is, double aedPerUsd) {
    return String.format(
        Locale.ROOT,
        "  %-28s %12s -> %12s  %+,12.2f USD  %+,13.2f AED",
        name,
        money(was),
        money(is),
        is - was,
        (is - was) * aedPerUsd);
  }

  private static String row(String name, double usd, double aed) {
    return String.format(Locale.ROOT, "  %-28s USD %12s   AED %13s", name, money(usd), money(aed));
  }

  static String money(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }
}
