package io.nomadx.sovereign.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nomadx.sovereign.plan.Registration;
import io.nomadx.sovereign.support.Plans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageClassesTest {
  private static Registration storageClass(String name) {
    return Plans.prod().one("kubernetes:storage.k8s.io/v1:StorageClass", "storage-classes-" + name);
  }

  @ParameterizedTest
  @CsvSource({
    "gp3, gp3, Delete, true",
    "gp3-retain, gp3, Retain, false",
    "io2-retain, io2, Retain, false"
  })
  void encryptedCsiClassesBoundWhereThePodRuns(
      String name, String type, String reclaim, boolean isDefault) {
    var sc = storageClass(name);
    assertEquals(name, sc.input("metadata.name").asText());
    assertEquals("ebs.csi.aws.com", sc.input("provisioner").asText());
    assertEquals(type, sc.input("parameters.type").asText());
    assertEquals("true", sc.input("parameters.encrypted").asText());
    assertEquals(
        Plans.prod().one("aws:kms/key:Key", "keys-data").output("arn").asText(),
        sc.input("parameters.kmsKeyId").asText());
    assertEquals("WaitForFirstConsumer", sc.input("volumeBindingMode").asText());
    assertTrue(sc.input("allowVolumeExpansion").asBoolean());
    assertEquals(reclaim, sc.input("reclaimPolicy").asText());
    assertEquals(
        String.valueOf(isDefault),
        sc.input("metadata.annotations")
            .path("storageclass.kubernetes.io/is-default-class")
            .asText());
    assertEquals("pulumi:providers:kubernetes", Plans.prod().providerOf(sc).type());
  }

  @Test
  void classesThatHoldMilvusStateAreProtected() {
    assertTrue(storageClass("io2-retain").protect());
    assertTrue(storageClass("gp3-retain").protect());
    assertEquals(
        "50",
        storageClass("io2-retain").input("parameters.iopsPerGB").asText(),
        "etcd needs provisioned IOPS");
  }
}
