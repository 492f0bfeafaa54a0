package io.nomadx.sovereign.cost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dated table of on-demand prices (resource prices.csv): per region, per item, with the source
 * of each line and whether it is confirmed for that region. Looking up a region or an item the
 * table does not hold is an error naming what is there, never a zero.
 */
public final class PriceTable {
  static final String RESOURCE = "prices.csv";
  private static final Pattern AS_OF = Pattern.compile("compiled (\\d{4}-\\d{2}-\\d{2})");

  /** region,item,unit,usd,confirmed,source,"basis" (the basis may hold commas, so it is quoted). */
  private static final Pattern LINE =
      Pattern.compile("([^,]+),([^,]+),([^,]+),([^,]+),(true|false),([^,]+),\"([^\"]*)\"");

  private final LocalDate asOf;
  private final Map<String, Map<String, Price>> byRegion;

  private PriceTable(LocalDate asOf, Map<String, Map<String, Price>> byRegion) {
    this.asOf = asOf;
    this.byRegion = byRegion;
  }

  /** The table shipped with the program. */
  public static PriceTable shipped() {
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CostError("the price table " + RESOURCE + " is missing from the program");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new CostError("cannot read the price table " + RESOURCE + ": " + e.getMessage());
    }
  }

  /**
   * Parses a table; `origin` names it in errors. A malformed line is an error, not a skipped line.
   */
  public static PriceTable parse(String text, String origin) {
    LocalDate asOf = null;
    var byRegion = new TreeMap<String, Map<String, Price>>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      String l = line.strip();
      if (l.startsWith("#")) {
        Matcher m = AS_OF.matcher(l);
        if (asOf == null && m.find()) {
          asOf = LocalDate.parse(m.group(1));
        }
        continue;
      }
      if (l.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(l);
      if (!m.matches()) {
        throw new CostError(
            origin
                + " line "
                + n
                + " is not region,item,unit,usd,confirmed,source,\"basis\": "
                + l);
      }
      double usd;
      try {
        usd = Double.parseDouble(m.group(4));
      } catch (NumberFormatException e) {
        throw new CostError(origin + " line " + n + ": usd '" + m.group(4) + "' is not a number");
      }
      if (!(usd > 0)) {
        throw new CostError(
            origin
                + " line "
                + n
                + ": usd "
                + m.group(4)
                + " is not a price (a free item has no line)");
      }
      var price =
          new Price(
              m.group(1),
              m.group(2),
              m.group(3),
              usd,
              Boolean.parseBoolean(m.group(5)),
              m.group(6),
              m.group(7));
      var items = byRegion.computeIfAbsent(price.region(), r -> new TreeMap<>());
      if (items.put(price.item(), price) != null) {
        throw new CostError(
            origin
                + " line "
                + n
                + ": "
                + price.item()
                + " in "
                + price.region()
                + " is priced twice");
      }
    }
    if (asOf == null) {
      throw new CostError(
          origin
              + " has no date (a comment line 'compiled YYYY-MM-DD'): an undated price cannot be checked for staleness");
    }
    var frozen = new LinkedHashMap<String, Map<String, Price>>();
    byRegion.forEach((r, items) -> frozen.put(r, Collections.unmodifiableMap(items)));
    return new PriceTable(asOf, Collections.unmodifiableMap(frozen));
  }

  public LocalDate asOf() {
    return asOf;
  }

  public List<String> regions() {
    return List.copyOf(byRegion.keySet());
  }

  /**
   * The prices of one region; a region without a table is an error naming the regions there are.
   */
  public Prices in(String region) {
    var items = byRegion.get(region);
    if (items == null) {
      throw new CostError(
          "no price table for region "
              + region
              + " (priced regions: "
              + String.join(", ", regions())
              + "); add its lines to "
              + RESOURCE);
    }
    return new Prices(region, items);
  }

  /** One region's prices. */
  public static final class Prices {
    private final String region;
    private final Map<String, Price> items;

    Prices(String region, Map<String, Price> items) {
      this.region = region;
      this.items = items;
    }

    public String region() {
      return region;
    }

    /** Every price of the region, by item. */
    public List<Price> all() {
      return List.copyOf(items.values());
    }

    /**
     * The price of `item`; a missing one is an error naming the item, the region and what is
     * priced.
     */
    public Price of(String item) {
      Price p = items.get(item);
      if (p == null) {
        throw new CostError(
            "no on-demand price for "
                + item
                + " in "
                + region
                + " (priced: "
                + String.join(", ", like(item))
                + "); add it to "
                + RESOURCE);
      }
      return p;
    }

    /** The instance type's hourly price; the error names the type and the types that are priced. */
    public Price instance(String instanceType) {
      Price p = items.get("ec2." + instanceType);
      if (p == null) {
        throw new CostError(
            "no on-demand price for instance type "
                + instanceType
                + " in "
                + region
                + " (priced types: "
                + String.join(", ", like("ec2.")).replace("ec2.", "")
                + "); add it to "
                + RESOURCE);
      }
      return p;
    }

    /** Priced items sharing the family of `item` (its text before the last dot), or all items. */
    private List<String> like(String item) {
      int dot = item.indexOf('.');
      String family = dot < 0 ? item : item.substring(0, dot + 1);
      var out = new ArrayList<String>();
      items.keySet().stream().filter(k -> k.startsWith(family)).forEach(out::add);
      return out.isEmpty() ? List.copyOf(items.keySet()) : out;
    }
  }
}
