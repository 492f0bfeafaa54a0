package io.nomadx.sovereign.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.Resource;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import io.nomadx.sovereign.App;
import io.nomadx.sovereign.config.Defaults;
import io.nomadx.sovereign.plan.PlanMocks;
import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.plan.Urn;
import io.nomadx.sovereign.support.Plans;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pulumirpc.AliasOuterClass;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/** An IRSA identity is one component: the role and the ServiceAccount annotated with it. */
class ServiceAccountIdentityTest {
  private static final String STACK =
      "urn:pulumi:prod-me-central-1::sovereign-milvus::pulumi:pulumi:Stack";

  @ParameterizedTest
  @CsvSource({
    "milvus-irsa, milvus-service-account, milvus, true",
    "milvus-backup-irsa, milvus-backup-service-account, milvus-backup, false"
  })
  void aWorkloadsServiceAccountComesWithItsRoleAndCarriesItsArn(
      String identity, String resource, String name, boolean automount) {
    var plan = Plans.prod();
    var sa = plan.one("kubernetes:core/v1:ServiceAccount", resource);
    var role = plan.one("aws:iam/role:Role", identity);
    assertEquals(
        STACK + "$sovereign:identity:ServiceAccountRole::" + identity,
        sa.parent(),
        "the service account is part of its identity");
    assertEquals(sa.parent(), role.parent(), "role and service account share one component");
    assertEquals(
        role.output("arn").asText(),
        sa.input("metadata.annotations").path(ServiceAccountRole.IRSA_ANNOTATION).asText());
    assertEquals(name, sa.input("metadata.name").asText());
    assertEquals("milvus", sa.input("metadata.namespace").asText());
    assertEquals(automount, sa.input("automountServiceAccountToken").asBoolean(false));
    assertEquals("pulumi:providers:kubernetes", plan.providerOf(sa).type());
    assertEquals("pulumi:providers:aws", plan.providerOf(role).type());
    assertTrue(
        sa.dependencies().contains(role.urn()),
        "the annotation waits for the role: " + sa.dependencies());
  }

  @Test
  void anAddOnsRoleHasNoServiceAccountOfOurs() {
    // EKS creates the VPC CNI's and the EBS CSI driver's service accounts for their add-ons.
    var accounts =
        Plans.prod().ofType("kubernetes:core/v1:ServiceAccount").stream()
            .map(Registration::name)
            .sorted()
            .toList();
    assertEquals(List.of("milvus-backup-service-account", "milvus-service-account"), accounts);
  }

  /**
   * Each service account was a child of MilvusCluster or Backups before it joined its identity: its
   * alias must name that parent (and no other name), so the engine finds the old URN and moves the
   * object instead of deleting and re-creating it (pulumi engine, step_generator.go
   * collapseAliasToUrn: an empty name or type means the resource's own).
   */
  @Test
  void movedServiceAccountsAliasTheirFormerParents() {
    var aliases =
        aliasesOf(
            Map.of(
                "milvus-service-account",
                "kubernetes:core/v1:ServiceAccount",
                "milvus-backup-service-account",
                "kubernetes:core/v1:ServiceAccount"));
    assertEquals(
        STACK
            + "$sovereign:milvus:MilvusCluster$kubernetes:core/v1:ServiceAccount::milvus-service-account",
        formerUrn(
            aliases.get("milvus-service-account"),
            "kubernetes:core/v1:ServiceAccount",
            "milvus-service-account"));
    assertEquals(
        STACK
            + "$sovereign:milvus:Backups$kubernetes:core/v1:ServiceAccount::milvus-backup-service-account",
        formerUrn(
            aliases.get("milvus-backup-service-account"),
            "kubernetes:core/v1:ServiceAccount",
            "milvus-backup-service-account"));
  }

  /**
   * The URN an alias spec stands for, as the engine collapses it (parent's qualified type, then
   * type and name).
   */
  private static String formerUrn(List<AliasOuterClass.Alias> aliases, String type, String name) {
    assertEquals(1, aliases.size(), () -> "one alias expected: " + aliases);
    var spec = aliases.get(0).getSpec();
    String parent = spec.getParentUrn();
    assertTrue(!parent.isEmpty(), "the alias names the former parent: " + spec);
    return Urn.parse(parent)
        .child(
            spec.getType().isEmpty() ? type : spec.getType(),
            spec.getName().isEmpty() ? name : spec.getName())
        .toString();
  }

  /** Runs prod under the mock engine, keeping the aliases each named resource registers with. */
  private static Map<String, List<AliasOuterClass.Alias>> aliasesOf(
      Map<String, String> typeByName) {
    var config = Plans.config(Plans.PROD, Map.of());
    var mocks = new PlanMocks("me-central-1", config.values().get(Defaults.PROJECT + ":accountId"));
    var quiet = Logger.getLogger("sovereign.identity.test");
    quiet.setLevel(Level.SEVERE);
    quiet.setUseParentHandlers(false);
    var seen = new ConcurrentHashMap<String, List<AliasOuterClass.Alias>>();
    var monitor =
        new MockMonitor(mocks, PulumiTestInternal.mockLog(quiet)) {
          @Override
          public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
              Resource resource, RegisterResourceRequest request) {
            if (request.getType().equals(typeByName.get(request.getName()))) {
              seen.put(request.getName(), List.copyOf(request.getAliasesList()));
            }
            return super.registerResourceAsync(resource, request);
          }
        };
    var test =
        PulumiTestInternal.builder()
            .options(
                TestOptions.builder()
                    .projectName(Defaults.PROJECT)
                    .stackName(config.stack())
                    .preview(false)
                    .build())
            .mocks(mocks)
            .standardLogger(quiet)
            .config(config.values(), config.secretKeys())
            .monitorDecorator(m -> monitor)
            .build();
    try {
      var result = test.runTest(ctx -> App.stack(ctx, config));
      assertEquals(0, result.exitCode(), () -> "the program failed: " + result.errors());
    } finally {
      PulumiTestInternal.cleanup();
    }
    assertEquals(typeByName.keySet(), seen.keySet());
    return seen;
  }
}
