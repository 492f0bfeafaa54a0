package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.nomadx.sovereign.config.MilvusSettings;
import io.nomadx.sovereign.config.NodePoolSettings.Role;
import io.nomadx.sovereign.platform.HelmCharts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Milvus Operator as a Helm release: chart and repository from config (a sovereign install
 * points at an in-region mirror), image from the configured registry, atomic, waiting until ready.
 * Its release installs the CRDs the Milvus resource needs, so the resource depends on it.
 */
public final class MilvusOperator extends ComponentResource {
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

        this.release = HelmCharts.install(name, "milvus-operator", "milvus-operator", operator.chartVersion(),
                operator.chartRepository(), operator.namespace(), values,
                CustomResourceOptions.builder().parent(this).provider(args.kubernetes())
                        .dependsOn(java.util.stream.Stream.concat(args.dependsOn().stream(), java.util.stream.Stream.of(ns)).toList())
                        .build());
        this.namespace = Output.of(operator.namespace());
        registerOutputs(Map.of("namespace", namespace));
    }
}
