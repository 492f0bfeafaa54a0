package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.NodePoolSettings.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Milvus Operator as a Helm release: chart and repository from config (a sovereign install
 * points at an in-region mirror), image from the configured registry, atomic, waiting until ready.
 * Its release installs the CRDs the Milvus resource needs, so the resource depends on it.
 */
public final class MilvusOperator extends ComponentResource {
    /** Helm waits this long for the operator to become ready before rolling back (atomic). */
    public static final int INSTALL_TIMEOUT_SECONDS = 600;

    public final Output<String> namespace;
    /** The release: anything needing the Milvus CRD depends on it. */
    public final Release release;

    public record Args(MilvusSettings milvus, ProviderResource kubernetes, List<Resource> dependsOn) {
        public Args {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    public MilvusOperator(String name, Args args, ComponentResourceOptions options) {
        super("sovereign:milvus:MilvusOperator", name, options);
        var operator = args.milvus().operator();
        var ns = Namespaces.create(name + "-namespace", operator.namespace(),
                CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).build());

        var values = new LinkedHashMap<String, Object>();
        var image = new LinkedHashMap<>(Scheduling.repositoryAndTag(args.milvus().images().operator()));
        image.put("pullPolicy", "IfNotPresent");
        values.put("image", image);
        values.put("resources", Scheduling.guaranteed("500m", "512Mi"));
        values.put("nodeSelector", Scheduling.onPool(Role.SYSTEM));

        this.release = new Release(name, ReleaseArgs.builder()
                .name("milvus-operator")
                .chart("milvus-operator")
                .version(operator.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(operator.chartRepository()).build())
                .namespace(ns.metadata().applyValue(m -> m.name().orElse(operator.namespace())))
                .values(Map.copyOf(values))
                .atomic(true)
                .cleanupOnFail(true)
                .waitForJobs(true)
                .timeout(INSTALL_TIMEOUT_SECONDS)
                .maxHistory(10)
                .build(), CustomResourceOptions.builder().parent(this).provider(args.kubernetes())
                .dependsOn(args.dependsOn()).build());
        this.namespace = Output.of(operator.namespace());
        registerOutputs(Map.of("namespace", namespace));
    }
}
