package io.nomadx.sovereign.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.support.Plans;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  @Test
  void everyResourceUsesAnExplicitProviderInTheStacksRegion() {
    var plan = Plans.prod();
    var custom =
        plan.all().stream()
            .filter(r -> r.custom() && !r.type().startsWith("pulumi:providers:"))
            .toList();
    assertTrue(custom.size() > 80);
    for (Registration r : custom) {
      assertFalse(r.provider().isEmpty(), r.urn() + " uses a default provider");
      assertFalse(r.provider().contains("::default"), r.urn() + " uses a default provider");
      var provider = plan.providerOf(r);
      String pkg = r.type().substring(0, r.type().indexOf(':'));
      assertEquals("pulumi:providers:" + pkg, provider.type(), r.urn());
      if (pkg.equals("aws")) {
        assertEquals("me-central-1", provider.input("region").asText(), r.urn());
      }
    }
  }

  @Test
  void awsProviderIsPinnedToTheAccountAndTagsEverything() {
    var aws = Plans.prod().only("pulumi:providers:aws");
    assertEquals("[\"111111111111\"]", aws.input("allowedAccountIds").asText());
    String tags = aws.input("defaultTags").asText();
    for (String t :
        new String[] {
          "\"owner\":\"platform-team@example.ae\"",
          "\"environment\":\"prod\"",
          "\"data-classification\":\"confidential\"",
          "\"residency\":\"AE\""
        }) {
      assertTrue(tags.contains(t), tags + " lacks " + t);
    }
  }

  @Test
  void kubeconfigIsSecretEverywhere() {
    var plan = Plans.prod();
    var k8s = plan.only("pulumi:providers:kubernetes");
    assertTrue(Values.isSecret(k8s.input("kubeconfig")));
    assertTrue(
        Values.isSecret(k8s.output("kubeconfig")),
        "an echoed secret input stays secret in outputs");
    var stack = plan.only("pulumi:pulumi:Stack");
    var outputs = plan.result().componentOutputs().get(stack.urn());
    assertTrue(Values.isSecret(outputs.path("kubeconfig")), "the exported kubeconfig is secret");
    assertFalse(outputs.toString().contains("certificate-authority-data"));
  }
}
