package io.nomadx.sovereign.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadx.sovereign.plan.ProgramRun;
import io.nomadx.sovereign.plan.Registration;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Lookups over one mocked run, for assertions resource by resource. */
public record PlanView(ProgramRun.Result result) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public List<Registration> all() {
    return result.registrations();
  }

  public List<Registration> ofType(String type) {
    return all().stream().filter(r -> r.type().equals(type)).toList();
  }

  /** The one resource of a type whose logical name is `name`; fails listing what exists. */
  public Registration one(String type, String name) {
    var matches = ofType(type).stream().filter(r -> r.name().equals(name)).toList();
    assertEquals(
        1,
        matches.size(),
        () ->
            "expected one "
                + type
                + " named "
                + name
                + "; have "
                + ofType(type).stream().map(Registration::name).toList());
    return matches.get(0);
  }

  public Registration only(String type) {
    var matches = ofType(type);
    assertEquals(1, matches.size(), () -> "expected exactly one " + type);
    return matches.get(0);
  }

  public Optional<Registration> byUrn(String urn) {
    return all().stream().filter(r -> r.urn().equals(urn)).findFirst();
  }

  public Registration providerOf(Registration r) {
    return byUrn(r.providerUrn())
        .orElseThrow(
            () -> new AssertionError(r.urn() + " has no registered provider: " + r.provider()));
  }

  /** A JSON document held in a string input (IAM policies). */
  public static JsonNode json(JsonNode text) {
    assertTrue(text.isTextual(), () -> "expected JSON text, got " + text);
    try {
      return JSON.readTree(text.asText());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text.asText(), e);
    }
  }

  public boolean ok() {
    return result.ok();
  }
}
