package io.nomadx.sovereign.storage;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.nomadx.sovereign.support.Children;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EBS storage classes, all through the EBS CSI driver and encrypted with the data key, bound only
 * once a pod is scheduled (so the volume lands in the pod's zone), and expandable.
 *
 * <ul>
 *   <li>{@value #GP3}: the cluster default, for anything stateless enough to lose its volume;
 *   <li>{@value #GP3_RETAIN}: Pulsar journals, ledgers and ZooKeeper: Milvus state, kept when
 *       released;
 *   <li>{@value #IO2_RETAIN}: etcd, whose write latency sets Milvus's (the guide's failure mode).
 * </ul>
 */
public final class StorageClasses extends ComponentResource {
  public static final String PROVISIONER = "ebs.csi.aws.com";
  public static final String GP3 = "gp3";
  public static final String GP3_RETAIN = "gp3-retain";
  public static final String IO2_RETAIN = "io2-retain";

  /** io2 IOPS per GiB: a 50 GiB etcd volume gets 2,500 IOPS. */
  public static final String IO2_IOPS_PER_GIB = "50";

  public final Output<List<String>> names;

  public record Args(Output<String> dataKeyArn) {}

  public StorageClasses(String name, Args args, ComponentResourceOptions options) {
    super("sovereign:storage:StorageClasses", name, options);
    create(name, GP3, Map.of("type", "gp3"), "Delete", true, args);
    create(name, GP3_RETAIN, Map.of("type", "gp3"), "Retain", false, args);
    create(
        name,
        IO2_RETAIN,
        Map.of("type", "io2", "iopsPerGB", IO2_IOPS_PER_GIB, "allowAutoIOPSPerGBIncrease", "true"),
        "Retain",
        false,
        args);
    this.names = Output.of(List.of(GP3, GP3_RETAIN, IO2_RETAIN));
    registerOutputs(Map.of("names", names));
  }

  private void create(
      String name,
      String className,
      Map<String, String> typeParameters,
      String reclaim,
      boolean isDefault,
      Args args) {
    Output<Map<String, String>> parameters =
        args.dataKeyArn()
            .applyValue(
                key -> {
                  var p = new LinkedHashMap<>(typeParameters);
                  p.put("encrypted", "true");
                  p.put("kmsKeyId", key);
                  p.put("csi.storage.k8s.io/fstype", "ext4");
                  return p;
                });
    var options = Children.builder(this);
    if (reclaim.equals("Retain")) {
      options.protect(true).retainOnDelete(true);
    }
    new StorageClass(
        name + "-" + className,
        StorageClassArgs.builder()
            .metadata(
                ObjectMetaArgs.builder()
                    .name(className)
                    .annotations(
                        Map.of(
                            "storageclass.kubernetes.io/is-default-class",
                            String.valueOf(isDefault)))
                    .build())
            .provisioner(PROVISIONER)
            .parameters(parameters)
            .reclaimPolicy(reclaim)
            .volumeBindingMode("WaitForFirstConsumer")
            .allowVolumeExpansion(true)
            .build(),
        options.build());
  }
}
