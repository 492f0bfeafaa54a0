package io.nomadx.sovereign.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM / KMS / S3 policy document built in code, so no caller writes policy JSON by hand and
 * every document is valid JSON with a stable key order (stable plans, readable diffs).
 */
public final class PolicyDocument {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Statement> statements = new ArrayList<>();

  /** One statement. Principals map a kind (AWS, Service, Federated) to one value. */
  public record Statement(
      String sid,
      String effect,
      Map<String, String> principal,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, Object>> conditions) {
    public Statement {
      principal = principal == null ? Map.of() : new LinkedHashMap<>(principal);
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      conditions = conditions == null ? Map.of() : new LinkedHashMap<>(conditions);
    }
  }

  public static PolicyDocument create() {
    return new PolicyDocument();
  }

  public PolicyDocument allow(String sid, List<String> actions, List<String> resources) {
    return add(new Statement(sid, "Allow", null, actions, resources, null));
  }

  public PolicyDocument allow(
      String sid,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, Object>> conditions) {
    return add(new Statement(sid, "Allow", null, actions, resources, conditions));
  }

  public PolicyDocument add(Statement s) {
    statements.add(s);
    return this;
  }

  public List<Statement> statements() {
    return List.copyOf(statements);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("Version", "2012-10-17");
    ArrayNode list = root.putArray("Statement");
    for (Statement s : statements) {
      ObjectNode st = list.addObject();
      st.put("Sid", s.sid());
      st.put("Effect", s.effect());
      if (!s.principal().isEmpty()) {
        ObjectNode p = st.putObject("Principal");
        s.principal().forEach(p::put);
      }
      putOneOrMany(st, "Action", s.actions());
      putOneOrMany(st, "Resource", s.resources());
      if (!s.conditions().isEmpty()) {
        st.set("Condition", JSON.valueToTree(s.conditions()));
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("policy document could not be written", e);
    }
  }

  private static void putOneOrMany(ObjectNode st, String field, List<String> values) {
    if (values.isEmpty()) {
      return; // trust policies have no Resource
    }
    if (values.size() == 1) {
      st.put(field, values.get(0));
    } else {
      ArrayNode a = st.putArray(field);
      values.forEach(a::add);
    }
  }

  /** {"op": {"key": value}}, in the order given. */
  public static Map<String, Map<String, Object>> condition(String op, String key, Object value) {
    var m = new LinkedHashMap<String, Map<String, Object>>();
    m.put(op, new LinkedHashMap<>(Map.of(key, value)));
    return m;
  }

  public static Map<String, Map<String, Object>> conditions(
      Map<String, Map<String, Object>> a, Map<String, Map<String, Object>> b) {
    var m = new LinkedHashMap<String, Map<String, Object>>();
    a.forEach((k, v) -> m.put(k, new LinkedHashMap<>(v)));
    b.forEach(
        (k, v) ->
            m.merge(
                k,
                new LinkedHashMap<>(v),
                (x, y) -> {
                  x.putAll(y);
                  return x;
                }));
    return m;
  }
}
