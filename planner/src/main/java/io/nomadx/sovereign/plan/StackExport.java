package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes registrations as a `pulumi stack export` document (version 3), so the policy packs, the
 * offline analyzer and `pulumi policy analyze --file` read a plan exactly as they read a live
 * stack. Resources are in dependency order (parents, providers and dependencies first), ties broken
 * by URN, so two plans of one stack are byte-identical.
 */
public final class StackExport {
  /** A syntactically valid passphrase salt that no passphrase decrypts ("offline-plan"). */
  static final String OFFLINE_SALT =
      "v1:b2ZmbGluZS1wbGFu:v1:b2ZmbGluZS1wbGFuLW5v:bm90LWEtcmVhbC1rZXktY2hlY2s=";

  private StackExport() {}

  public static ObjectNode of(
      List<Registration> registrations, Map<String, ObjectNode> componentOutputs) {
    ObjectNode doc = Values.F.objectNode();
    doc.put("version", 3);
    ObjectNode deployment = doc.putObject("deployment");
    ObjectNode manifest = deployment.putObject("manifest");
    // No wall-clock time: the plan is a pure function of the code and the stack file.
    manifest.put("time", "1970-01-01T00:00:00Z");
    manifest.put("magic", "");
    manifest.put("version", "sovereign-milvus offline plan");
    // Secrets here are masked, not encrypted. Naming a passphrase provider (with a fixed salt no
    // passphrase matches) lets `pulumi policy analyze --file` load the plan: it warns that it
    // cannot decrypt and analyzes with secrets redacted, which is all a policy may see anyway.
    ObjectNode secrets = deployment.putObject("secrets_providers");
    secrets.put("type", "passphrase");
    secrets.putObject("state").put("salt", OFFLINE_SALT);
    ArrayNode resources = deployment.putArray("resources");
    for (Registration r : ordered(registrations)) {
      resources.add(resource(r, componentOutputs));
    }
    return doc;
  }

  private static ObjectNode resource(Registration r, Map<String, ObjectNode> componentOutputs) {
    ObjectNode o = Values.F.objectNode();
    o.put("urn", r.urn());
    o.put("custom", r.custom());
    if (r.custom()) {
      o.put("id", r.id());
    }
    o.put("type", r.type());
    o.set("inputs", r.inputs());
    ObjectNode outputs =
        r.custom() ? r.outputs() : componentOutputs.getOrDefault(r.urn(), Values.F.objectNode());
    o.set("outputs", outputs);
    if (!r.parent().isEmpty()) {
      o.put("parent", r.parent());
    }
    o.put("protect", r.protect());
    o.put("retainOnDelete", r.retainOnDelete());
    ArrayNode deps = o.putArray("dependencies");
    r.dependencies().forEach(deps::add);
    ObjectNode propDeps = o.putObject("propertyDependencies");
    // Sorted by property: Registration keeps them in a Map.copyOf, whose iteration order is
    // salted per JVM (OpenJDK 17 java.base/java/util/ImmutableCollections.java: SALT32L comes
    // from System.nanoTime() at class initialisation outside -Xshare:dump), so two runs of one
    // program wrote these keys in different orders and plan files differed run to run.
    new java.util.TreeMap<>(r.propertyDependencies())
        .forEach(
            (k, v) -> {
              ArrayNode a = propDeps.putArray(k);
              v.stream().distinct().sorted().forEach(a::add);
            });
    if (!r.provider().isEmpty()) {
      o.put("provider", r.provider());
    }
    if (!r.ignoreChanges().isEmpty()) {
      ArrayNode a = o.putArray("ignoreChanges");
      r.ignoreChanges().forEach(a::add);
    }
    return o;
  }

  /** Kahn's algorithm over parent, provider and dependency edges, smallest URN first. */
  static List<Registration> ordered(List<Registration> registrations) {
    Map<String, Registration> byUrn = new HashMap<>();
    for (Registration r : registrations) {
      if (byUrn.put(r.urn(), r) != null) {
        // What the engine answers too ("Duplicate resource URN"): the type and name must be unique.
        throw new IllegalStateException(
            "duplicate resource URN " + r.urn() + ": two resources of one type share a name");
      }
    }
    Map<String, Set<String>> before = new HashMap<>();
    Map<String, Set<String>> after = new HashMap<>();
    for (Registration r : registrations) {
      var need = new LinkedHashSet<String>();
      if (!r.parent().isEmpty()) {
        need.add(r.parent());
      }
      if (!r.providerUrn().isEmpty()) {
        need.add(r.providerUrn());
      }
      need.addAll(r.dependencies());
      need.removeIf(u -> !byUrn.containsKey(u) || u.equals(r.urn()));
      before.put(r.urn(), need);
      need.forEach(u -> after.computeIfAbsent(u, k -> new HashSet<>()).add(r.urn()));
    }
    var ready = new TreeSet<String>();
    before.forEach(
        (u, need) -> {
          if (need.isEmpty()) {
            ready.add(u);
          }
        });
    var out = new ArrayList<Registration>();
    while (!ready.isEmpty()) {
      String u = ready.pollFirst();
      out.add(byUrn.get(u));
      for (String next : after.getOrDefault(u, Set.of())) {
        var need = before.get(next);
        need.remove(u);
        if (need.isEmpty()) {
          ready.add(next);
        }
      }
    }
    if (out.size() != registrations.size()) {
      throw new IllegalStateException(
          "dependency cycle among " + (registrations.size() - out.size()) + " resources");
    }
    return out;
  }
}
