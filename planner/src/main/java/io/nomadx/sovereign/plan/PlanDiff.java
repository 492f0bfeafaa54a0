package io.nomadx.sovereign.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two plans (or a plan and a live stack's export) resource by resource, as a preview
 * would: create, update with the changed input paths, replace (a replace-on-change input changed,
 * its provider is replaced, or its type has no table), delete. A stateful resource that would be
 * replaced or deleted, or that loses protect / retainOnDelete, is blocked unless allowed by URN.
 */
public final class PlanDiff {
  public enum Op {
    CREATE("+"),
    UPDATE("~"),
    REPLACE("+-"),
    DELETE("-"),
    SAME(" ");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** One resource's change. `blocked` lists why it must not happen without --allow-replace. */
  public record Change(
      String urn,
      String type,
      Op op,
      List<String> changedPaths,
      List<String> reasons,
      List<String> blocked) {
    public String name() {
      return Urn.nameOf(urn);
    }
  }

  public record Result(List<Change> changes) {
    public List<Change> of(Op op) {
      return changes.stream().filter(c -> c.op() == op).toList();
    }

    public List<Change> blocked(Set<String> allowed) {
      return changes.stream()
          .filter(c -> !c.blocked().isEmpty() && !allowed.contains(c.urn()))
          .toList();
    }

    public String render(Set<String> allowed) {
      var out = new ArrayList<String>();
      out.add(
          String.format(
              "Diff: %d to create, %d to update, %d to replace, %d to delete, %d unchanged",
              of(Op.CREATE).size(),
              of(Op.UPDATE).size(),
              of(Op.REPLACE).size(),
              of(Op.DELETE).size(),
              of(Op.SAME).size()));
      for (Change c : changes) {
        if (c.op() == Op.SAME) {
          continue;
        }
        String detail =
            switch (c.op()) {
              case UPDATE -> " [" + String.join(", ", c.changedPaths()) + "]";
              case REPLACE -> " replace: " + String.join("; ", c.reasons());
              default -> "";
            };
        out.add(String.format("  %-2s %s %s%s", c.op().symbol, c.type(), c.name(), detail));
      }
      for (Change c : changes) {
        for (String why : c.blocked()) {
          out.add(
              (allowed.contains(c.urn()) ? "  allowed: " : "!! BLOCKED: ")
                  + c.type()
                  + " "
                  + c.name()
                  + " "
                  + why
                  + (allowed.contains(c.urn())
                      ? ""
                      : "; pass --allow-replace " + c.urn() + " if this is intended"));
        }
      }
      return String.join("\n", out) + "\n";
    }
  }

  private PlanDiff() {}

  public static Result diff(JsonNode oldExport, JsonNode newExport) {
    Map<String, JsonNode> before = byUrn(oldExport);
    Map<String, JsonNode> after = byUrn(newExport);
    var changes = new ArrayList<Change>();
    var replacedProviders = new TreeSet<String>();
    // Providers first: their replacement replaces everything they manage.
    for (var e : after.entrySet()) {
      if (e.getValue().path("type").asText().startsWith("pulumi:providers:")
          && before.containsKey(e.getKey())) {
        var c = change(e.getKey(), before.get(e.getKey()), e.getValue(), Set.of());
        if (c.op() == Op.REPLACE) {
          replacedProviders.add(e.getKey());
        }
      }
    }
    for (var e : after.entrySet()) {
      JsonNode old = before.get(e.getKey());
      if (old == null) {
        changes.add(
            new Change(
                e.getKey(),
                e.getValue().path("type").asText(),
                Op.CREATE,
                List.of(),
                List.of(),
                List.of()));
      } else {
        changes.add(change(e.getKey(), old, e.getValue(), replacedProviders));
      }
    }
    for (var e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        JsonNode old = e.getValue();
        var blocked = new ArrayList<String>();
        if (isStateful(old)) {
          blocked.add(
              "would be DELETED"
                  + (old.path("retainOnDelete").asBoolean()
                      ? " (retained in the cloud, but no longer managed)"
                      : ""));
        }
        changes.add(
            new Change(
                e.getKey(), old.path("type").asText(), Op.DELETE, List.of(), List.of(), blocked));
      }
    }
    clustersLeavingTheirVpc(before, after, changes);
    followReplacements(before, after, changes);
    changes.sort(java.util.Comparator.comparing(Change::urn));
    return new Result(changes);
  }

  static final String CLUSTER = "aws:eks/cluster:Cluster";

  /**
   * A replaced resource gets new outputs (a new id, ARN, OIDC issuer), so an input that comes from
   * it changes too, as a preview shows it unknown: a replace where that input forces one, an update
   * otherwise. Followed until nothing more changes, so a replaced cluster takes its OIDC provider,
   * add-ons and access entries with it.
   */
  private static void followReplacements(
      Map<String, JsonNode> before, Map<String, JsonNode> after, List<Change> changes) {
    boolean grew = true;
    while (grew) {
      grew = false;
      var replaced = new java.util.HashMap<String, String>();
      changes.stream()
          .filter(c -> c.op() == Op.REPLACE)
          .forEach(c -> replaced.put(c.urn(), c.name()));
      for (int i = 0; i < changes.size(); i++) {
        Change c = changes.get(i);
        if (c.op() != Op.SAME && c.op() != Op.UPDATE) {
          continue;
        }
        var paths = new ArrayList<>(c.changedPaths());
        var reasons = new ArrayList<>(c.reasons());
        var rules = ReplaceRules.forType(c.type());
        for (var dep :
            (Iterable<Map.Entry<String, JsonNode>>)
                after.get(c.urn()).path("propertyDependencies")::fields) {
          String property = dep.getKey();
          String from = null;
          for (JsonNode u : dep.getValue()) {
            if (replaced.containsKey(u.asText())) {
              from = replaced.get(u.asText());
              break;
            }
          }
          if (from == null || paths.stream().anyMatch(p -> ReplaceRules.covers(property, p))) {
            continue;
          }
          paths.add(property);
          if (rules.isEmpty()) {
            reasons.add(
                "unknown: treat as replace (no replace-on-change table for " + c.type() + ")");
          } else if (rules.get().stream()
              .anyMatch(r -> ReplaceRules.covers(r, property) || r.startsWith(property + "."))) {
            reasons.add(property + " comes from " + from + ", which is replaced");
          }
        }
        if (paths.size() == c.changedPaths().size()) {
          continue;
        }
        Op op = reasons.isEmpty() ? Op.UPDATE : Op.REPLACE;
        var blocked = new ArrayList<>(c.blocked());
        if (op == Op.REPLACE && isStateful(before.get(c.urn()))) {
          blocked.add(0, "would be REPLACED (" + String.join("; ", reasons) + ")");
        }
        changes.set(i, new Change(c.urn(), c.type(), op, paths, reasons, blocked));
        grew |= op == Op.REPLACE;
      }
    }
  }

  /**
   * EKS updates a cluster's subnets in place only within the VPC it was created in (the new subnets
   * must be in the cluster's VPC and its original AZs: AWS EKS User Guide, "View Amazon EKS
   * networking requirements for VPC and subnets"; AWS Containers blog, "Enhanced VPC flexibility:
   * modify subnets and security groups in Amazon EKS"). So a cluster whose VPC is replaced or
   * deleted, or whose subnets move to another VPC (such as a landing zone's), is replaced, not
   * updated. Where neither export shows which VPC the new subnets are in, the change is treated as
   * a replacement too.
   */
  private static void clustersLeavingTheirVpc(
      Map<String, JsonNode> before, Map<String, JsonNode> after, List<Change> changes) {
    var oldNet = NetworkIndex.of(before);
    var newNet = NetworkIndex.of(after);
    var ops = new java.util.HashMap<String, Op>();
    changes.forEach(c -> ops.put(c.urn(), c.op()));
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      if (!c.type().equals(CLUSTER) || c.op() == Op.CREATE || c.op() == Op.DELETE) {
        continue;
      }
      JsonNode old = before.get(c.urn());
      JsonNode now = after.get(c.urn());
      String oldVpc = oldNet.vpcOfCluster(old);
      String newVpc = newNet.vpcOfCluster(now);
      String vpcUrn = oldVpc == null ? null : oldNet.vpcUrns.get(oldVpc);
      Op vpcOp = vpcUrn == null ? null : ops.get(vpcUrn);
      boolean subnetsChanged =
          c.changedPaths().stream().anyMatch(p -> ReplaceRules.covers("vpcConfig.subnetIds", p));
      String reason = null;
      if (subnetsChanged && oldVpc != null && newVpc != null && !oldVpc.equals(newVpc)) {
        reason =
            "vpcConfig.subnetIds move it from VPC "
                + oldVpc
                + " to "
                + newVpc
                + ", and a cluster stays in the VPC it was created in";
      } else if (vpcOp == Op.DELETE || vpcOp == Op.REPLACE) {
        reason =
            "its VPC "
                + oldVpc
                + " is "
                + (vpcOp == Op.DELETE ? "deleted" : "replaced")
                + ", and a cluster stays in the VPC it was created in";
      } else if (subnetsChanged && (oldVpc == null || newVpc == null)) {
        reason =
            "vpcConfig.subnetIds change to subnets the plans do not place in the cluster's VPC; treat as replace "
                + "(a cluster stays in the VPC it was created in)";
      }
      if (reason == null || c.reasons().contains(reason)) {
        continue;
      }
      var reasons = new ArrayList<>(c.reasons());
      reasons.add(reason);
      var blocked = new ArrayList<String>();
      if (isStateful(old)) {
        blocked.add("would be REPLACED (" + String.join("; ", reasons) + ")");
      }
      c.blocked().stream().filter(b -> !b.startsWith("would be REPLACED")).forEach(blocked::add);
      changes.set(i, new Change(c.urn(), c.type(), Op.REPLACE, c.changedPaths(), reasons, blocked));
    }
  }

  /**
   * Which VPC each subnet id of an export is in, and which VPC resource holds each VPC id: from the
   * subnets the stack creates (their vpcId input), from whatever records a VPC with its private
   * subnets (the stack's outputs, the network components' outputs, for a landing zone's VPC too),
   * and from a live cluster's own report (outputs.vpcConfig.vpcId).
   */
  private record NetworkIndex(Map<String, String> vpcOfSubnet, Map<String, String> vpcUrns) {
    static NetworkIndex of(Map<String, JsonNode> resources) {
      var subnets = new java.util.HashMap<String, String>();
      var vpcs = new java.util.HashMap<String, String>();
      for (var e : resources.entrySet()) {
        JsonNode r = e.getValue();
        String type = r.path("type").asText();
        if (type.equals("aws:ec2/vpc:Vpc")) {
          idOf(r).ifPresent(id -> vpcs.put(id, e.getKey()));
        } else if (type.equals("aws:ec2/subnet:Subnet")
            && r.path("inputs").path("vpcId").isTextual()) {
          idOf(r).ifPresent(id -> subnets.put(id, r.path("inputs").path("vpcId").asText()));
        }
        JsonNode out = r.path("outputs");
        if (out.path("vpcId").isTextual() && out.path("privateSubnetIds").isArray()) {
          out.path("privateSubnetIds")
              .forEach(s -> subnets.putIfAbsent(s.asText(), out.path("vpcId").asText()));
        }
      }
      return new NetworkIndex(subnets, vpcs);
    }

    private static java.util.Optional<String> idOf(JsonNode r) {
      String id = r.path("id").asText(r.path("outputs").path("id").asText(""));
      return id.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(id);
    }

    /** The VPC a cluster is in, or null when the export does not say. */
    String vpcOfCluster(JsonNode cluster) {
      String reported = cluster.path("outputs").path("vpcConfig").path("vpcId").asText("");
      if (!reported.isEmpty()) {
        return reported;
      }
      var found = new TreeSet<String>();
      for (JsonNode s : cluster.path("inputs").path("vpcConfig").path("subnetIds")) {
        String vpc = vpcOfSubnet.get(s.asText());
        if (vpc == null) {
          return null;
        }
        found.add(vpc);
      }
      return found.size() == 1 ? found.first() : null;
    }
  }

  private static Change change(
      String urn, JsonNode old, JsonNode now, Set<String> replacedProviders) {
    String type = now.path("type").asText();
    var paths = new ArrayList<String>();
    compare("", old.path("inputs"), now.path("inputs"), paths);
    var reasons = new ArrayList<String>();
    String provider = providerUrn(now);
    if (replacedProviders.contains(provider)) {
      reasons.add("its provider is replaced");
    }
    if (!paths.isEmpty()) {
      var rules = ReplaceRules.forType(type);
      if (rules.isEmpty()) {
        reasons.add("unknown: treat as replace (no replace-on-change table for " + type + ")");
      } else {
        for (String p : paths) {
          rules.get().stream()
              .filter(r -> ReplaceRules.covers(r, p))
              .findFirst()
              .ifPresent(r -> reasons.add(p + " forces replacement"));
        }
      }
    }
    Op op = !reasons.isEmpty() ? Op.REPLACE : paths.isEmpty() ? Op.SAME : Op.UPDATE;
    var blocked = new ArrayList<String>();
    if (op == Op.REPLACE && isStateful(old)) {
      blocked.add("would be REPLACED (" + String.join("; ", reasons) + ")");
    }
    paths.stream()
        .filter(PlanDiff::isPulsarVolume)
        .findFirst()
        .ifPresent(p -> blocked.add(PULSAR_VOLUME_STEPS.formatted(p)));
    if (old.path("protect").asBoolean() && !now.path("protect").asBoolean()) {
      blocked.add("loses protect");
    }
    if (old.path("retainOnDelete").asBoolean() && !now.path("retainOnDelete").asBoolean()) {
      blocked.add("loses retainOnDelete");
    }
    return new Change(urn, type, op, paths, reasons, blocked);
  }

  /**
   * Pulsar's volumes live in StatefulSet volumeClaimTemplates, which Kubernetes does not let an
   * update change; the operator Helm-upgrades Pulsar with the new values and that upgrade fails,
   * taking the rest of the change with it (it resizes etcd's volumes itself, not Pulsar's). So a
   * size or class change of a Pulsar volume is blocked, with the steps that make it work.
   */
  static boolean isPulsarVolume(String path) {
    return path.matches(
        "spec\\.dependencies\\.pulsar\\.inCluster\\.values\\.(bookkeeper|zookeeper)\\.volumes\\..*");
  }

  static final String PULSAR_VOLUME_STEPS =
      "changes a Pulsar volume (%s): StatefulSet volumeClaimTemplates are immutable, so the "
          + "operator's Helm upgrade of Pulsar would fail. Grow it in place first: patch each of that StatefulSet's PVCs to the new "
          + "size (gp3-retain allows expansion), `kubectl delete statefulset <name> --cascade=orphan`, then run this change with "
          + "--allow-replace naming the Milvus resource";

  /** Stateful by type, by protection, or a StorageClass that retains volumes. */
  static boolean isStateful(JsonNode r) {
    String type = r.path("type").asText();
    return ReplaceRules.STATEFUL.contains(type)
        || r.path("protect").asBoolean()
        || (type.equals("kubernetes:storage.k8s.io/v1:StorageClass")
            && r.path("inputs").path("reclaimPolicy").asText().equals("Retain"));
  }

  /** Leaf paths that differ: `a.b`, `list[2]`. Secrets compare by their (masked) envelope. */
  static void compare(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a.equals(b)
        || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0)) {
      return;
    }
    if (a.isObject() && b.isObject() && !Values.isSecret(a) && !Values.isSecret(b)) {
      var keys = new TreeSet<String>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        compare(path.isEmpty() ? k : path + "." + k, a.path(k), b.path(k), out);
      }
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        compare(path + "[" + i + "]", a.path(i), b.path(i), out);
      }
    } else {
      out.add(path);
    }
  }

  private static String providerUrn(JsonNode r) {
    return Urn.ofProviderReference(r.path("provider").asText(""));
  }

  private static Map<String, JsonNode> byUrn(JsonNode export) {
    return ExportView.of(export).byUrn();
  }
}
