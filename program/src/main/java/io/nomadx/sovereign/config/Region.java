package io.nomadx.sovereign.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Regions a sovereign stack may be placed in, with their availability-zone IDs. AZ names
 * (me-central-1a) map to different physical zones per account; AZ IDs (mec1-az1) do not, so every
 * zone choice in this program is made by ID (AWS docs, "AZ IDs for your AWS resources").
 */
public record Region(String name, String countryCode, List<String> zoneIds) {

  /** GCC regions. The policy packs narrow this per stack (a UAE stack allows me-central-1 only). */
  public static final Map<String, Region> KNOWN =
      Map.of(
          "me-central-1",
              new Region("me-central-1", "AE", List.of("mec1-az1", "mec1-az2", "mec1-az3")),
          "me-south-1",
              new Region("me-south-1", "BH", List.of("mes1-az1", "mes1-az2", "mes1-az3")));

  public static Optional<Region> find(String name) {
    return Optional.ofNullable(KNOWN.get(name));
  }

  public static String allowedNames() {
    return String.join(", ", KNOWN.keySet().stream().sorted().toList());
  }

  /**
   * The zone's position in the region (mec1-az2 is 1). Subnet ranges are keyed on it, so they stay
   * put when another zone is excluded.
   */
  public int zoneIndex(String zoneId) {
    int i = zoneIds.indexOf(zoneId);
    if (i < 0) {
      throw new IllegalArgumentException("zone " + zoneId + " is not in " + name);
    }
    return i;
  }
}
