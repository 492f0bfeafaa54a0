package io.nomadx.sovereign.cost;

import static io.nomadx.sovereign.cost.Billing.AED_PER_USD;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stack's monthly on-demand bill: every priced line, the prices it used and whether each is
 * confirmed. An estimate that used an unconfirmed price says so, with how many, wherever it is
 * shown.
 *
 * @param notPriced what the stack costs that is not in the total, in words (shown, never hidden)
 */
public record CostEstimate(
    String region, LocalDate pricesAsOf, List<CostLine> lines, List<String> notPriced) {
  public CostEstimate {
    lines = List.copyOf(lines);
    notPriced = List.copyOf(notPriced);
  }

  public double usdPerMonth() {
    return lines.stream().mapToDouble(CostLine::usdPerMonth).sum();
  }

  public double aedPerMonth() {
    return usdPerMonth() * AED_PER_USD;
  }

  /** USD per month of each component, in the order the lines came. */
  public Map<String, Double> byComponent() {
    var out = new LinkedHashMap<String, Double>();
    lines.forEach(l -> out.merge(l.component(), l.usdPerMonth(), Double::sum));
    return out;
  }

  /** The distinct unconfirmed prices the estimate used. */
  public List<Price> unconfirmedPrices() {
    return lines.stream().map(CostLine::price).filter(p -> !p.confirmed()).distinct().toList();
  }

  public List<Price> confirmedPrices() {
    return lines.stream().map(CostLine::price).filter(Price::confirmed).distinct().toList();
  }

  /** "estimate, includes 21 unconfirmed prices" or "all 3 prices confirmed". */
  public String confidence() {
    int n = unconfirmedPrices().size();
    return n == 0
        ? "all " + confirmedPrices().size() + " prices confirmed"
        : "estimate, includes " + n + " unconfirmed price" + (n == 1 ? "" : "s");
  }

  /** The stack output `monthlyCost`: what the plan summary and a later plan's delta read. */
  public Map<String, Object> toOutput() {
    var out = new LinkedHashMap<String, Object>();
    out.put("region", region);
    out.put("pricesAsOf", pricesAsOf.toString());
    out.put("usdPerMonth", round(usdPerMonth()));
    out.put("aedPerMonth", round(aedPerMonth()));
    out.put("aedPerUsd", AED_PER_USD);
    out.put(
        "unconfirmedPrices",
        (double) unconfirmedPrices().size()); // the SDK serializes no Long or Integer
    out.put("confidence", confidence());
    var components = new ArrayList<Map<String, Object>>();
    byComponent()
        .forEach(
            (name, usd) -> {
              var c = new LinkedHashMap<String, Object>();
              c.put("component", name);
              c.put("usdPerMonth", round(usd));
              c.put("aedPerMonth", round(usd * AED_PER_USD));
              components.add(c);
            });
    out.put("components", components);
    var detail = new ArrayList<Map<String, Object>>();
    for (CostLine l : lines) {
      var d = new LinkedHashMap<String, Object>();
      d.put("component", l.component());
      d.put("what", l.what());
      d.put("quantity", l.quantity());
      d.put("unit", l.price().unit());
      d.put("price", l.price().item());
      d.put("usdPerUnit", l.price().usd());
      d.put("confirmed", l.price().confirmed());
      d.put("usdPerMonth", round(l.usdPerMonth()));
      detail.add(d);
    }
    out.put("lines", detail);
    out.put("notPriced", notPriced);
    return out;
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static String money(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }
}
