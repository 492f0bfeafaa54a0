package io.nomadx.sovereign.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.Registration;

/**
 * Providers reach resources through their components' options (support/Children): this checks the
 * outcome in a whole plan. A component left without a provider for a package would leave its
 * children on the engine's default provider, which reads region and credentials from the
 * environment of whoever runs `pulumi up`.
 */
public final class ExplicitProviders {
  private ExplicitProviders() {}

  /**
   * Every custom resource names the stack's one provider of its package; none uses a default
   * provider.
   */
  public static void assertEveryCustomResourceUsesTheStacksProvider(PlanView plan) {
    var custom =
        plan.all().stream()
            .filter(r -> r.custom() && !r.type().startsWith("pulumi:providers:"))
            .toList();
    assertTrue(custom.size() > 20, "a plan with hardly any resources: " + custom.size());
    for (Registration r : custom) {
      assertFalse(
          r.provider().isEmpty(),
          () ->
              r.urn() + " has no explicit provider: its component was given none for its package");
      assertFalse(
          r.provider().contains("::default"),
          () -> r.urn() + " uses a default provider: " + r.provider());
      String pkg = r.type().substring(0, r.type().indexOf(':'));
      var ofPackage = plan.ofType("pulumi:providers:" + pkg);
      assertEquals(
          1,
          ofPackage.size(),
          () ->
              "expected one "
                  + pkg
                  + " provider, have "
                  + ofPackage.stream().map(Registration::urn).toList());
      assertEquals(
          ofPackage.get(0).urn(), r.providerUrn(), () -> r.urn() + " uses " + r.provider());
    }
  }
}
