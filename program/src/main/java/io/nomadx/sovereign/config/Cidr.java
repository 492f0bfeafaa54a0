package io.nomadx.sovereign.config;

import java.util.Optional;

/** An IPv4 CIDR block with the arithmetic the subnet layout needs. */
public record Cidr(long address, int prefix) {

  public static Optional<Cidr> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      return Optional.empty();
    }
    long addr = 0;
    try {
      for (String o : octets) {
        if (o.isEmpty() || o.length() > 3) {
          return Optional.empty();
        }
        int v = Integer.parseInt(o);
        if (v < 0 || v > 255) {
          return Optional.empty();
        }
        addr = (addr << 8) | v;
      }
      if (!parts[1].matches("\\d{1,2}")) {
        return Optional.empty();
      }
      int prefix = Integer.parseInt(parts[1]);
      if (prefix > 32) {
        return Optional.empty();
      }
      return Optional.of(new Cidr(addr, prefix));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private long mask() {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public boolean isNetworkAddress() {
    return (address & ~mask() & 0xFFFFFFFFL) == 0;
  }

  public Cidr network() {
    return new Cidr(address & mask(), prefix);
  }

  /** Whether the IPv4 address {@code ip} (dotted quad) lies in this range. */
  public boolean containsAddress(String ip) {
    return parse(ip + "/32").map(a -> (a.address & mask()) == (address & mask())).orElse(false);
  }

  /** RFC 1918 private space. */
  public boolean isPrivate() {
    return within("10.0.0.0/8") || within("172.16.0.0/12") || within("192.168.0.0/16");
  }

  private boolean within(String block) {
    Cidr b = parse(block).orElseThrow();
    return prefix >= b.prefix && (address & b.mask()) == b.address;
  }

  /** The netnum-th block of `prefix + newBits` inside this one (Terraform's cidrsubnet). */
  public Cidr subnet(int newBits, int netnum) {
    int p = prefix + newBits;
    if (p > 32 || netnum < 0 || netnum >= (1L << newBits)) {
      throw new IllegalArgumentException("no subnet " + netnum + " of /" + p + " in " + this);
    }
    return new Cidr(network().address + ((long) netnum << (32 - p)), p);
  }

  @Override
  public String toString() {
    return ((address >> 24) & 255)
        + "."
        + ((address >> 16) & 255)
        + "."
        + ((address >> 8) & 255)
        + "."
        + (address & 255)
        + "/"
        + prefix;
  }
}
