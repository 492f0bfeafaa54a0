package io.nomadx.sovereign.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A Pulumi resource URN, {@code urn:pulumi:<stack>::<project>::<qualified type>::<name>}, where the
 * qualified type is the parents' types and then the resource's own, joined by {@code $}, and the
 * name is everything after the third {@code ::} (so it may itself contain {@code ::}). The one
 * place plan/ and box/ take URNs apart or put them together. Format: pulumi/pulumi
 * sdk/go/common/resource/urn/urn.go (Prefix "urn:pulumi:", NameDelimiter "::", TypeDelimiter "$").
 *
 * @param parentTypes the ancestors' types, outermost first ({@code pulumi:pulumi:Stack} for most)
 */
public record Urn(
    String stack, String project, List<String> parentTypes, String type, String name) {
  private static final String PREFIX = "urn:pulumi:";
  private static final String NAMES = "::";
  private static final String TYPES = "$";

  public Urn {
    parentTypes = List.copyOf(parentTypes);
  }

  /** Throws IllegalArgumentException, naming the text, when it is not a Pulumi URN. */
  public static Urn parse(String urn) {
    if (urn == null || !urn.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "not a Pulumi URN (allowed: urn:pulumi:<stack>::<project>::<type>::<name>): " + urn);
    }
    String rest = urn.substring(PREFIX.length());
    int a = rest.indexOf(NAMES);
    int b = a < 0 ? -1 : rest.indexOf(NAMES, a + NAMES.length());
    int c = b < 0 ? -1 : rest.indexOf(NAMES, b + NAMES.length());
    if (c < 0) {
      throw new IllegalArgumentException(
          "not a Pulumi URN (allowed: urn:pulumi:<stack>::<project>::<type>::<name>): " + urn);
    }
    var types =
        new ArrayList<>(List.of(rest.substring(b + NAMES.length(), c).split("\\" + TYPES, -1)));
    String type = types.remove(types.size() - 1);
    return new Urn(
        rest.substring(0, a),
        rest.substring(a + NAMES.length(), b),
        types,
        type,
        rest.substring(c + NAMES.length()));
  }

  /**
   * The name part of a URN, or the text itself when it is not one (a policy result on the stack).
   */
  public static String nameOf(String urn) {
    try {
      return parse(urn).name();
    } catch (IllegalArgumentException notAUrn) {
      return urn;
    }
  }

  /** A child of this resource: its URN carries this one's type chain as its parents. */
  public Urn child(String childType, String childName) {
    var chain = new ArrayList<>(parentTypes);
    chain.add(type);
    return new Urn(stack, project, chain, childType, childName);
  }

  /** The URN part of a provider reference, {@code <provider urn>::<provider id>}. */
  public static String ofProviderReference(String reference) {
    if (reference == null || reference.isEmpty()) {
      return "";
    }
    int i = reference.lastIndexOf(NAMES);
    return i < 0 ? reference : reference.substring(0, i);
  }

  @Override
  public String toString() {
    var chain = new ArrayList<>(parentTypes);
    chain.add(type);
    return PREFIX + stack + NAMES + project + NAMES + String.join(TYPES, chain) + NAMES + name;
  }
}
