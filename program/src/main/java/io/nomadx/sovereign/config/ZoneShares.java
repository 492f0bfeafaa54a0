package io.nomadx.sovereign.config;

/**
 * How `count` pods or nodes spread evenly over `zones` zones (maxSkew 1, or an Auto Scaling group's
 * balancing): zone i gets count/zones, and the first count%zones zones one more.
 */
public final class ZoneShares {
  private ZoneShares() {}

  public static int share(int count, int zones, int zoneIndex) {
    return count / zones + (zoneIndex < count % zones ? 1 : 0);
  }

  /** The most any one zone holds: what the loss of the worst zone takes. */
  public static int largest(int count, int zones) {
    return zones == 0 ? count : share(count, zones, 0);
  }
}
