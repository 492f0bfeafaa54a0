package io.nomadx.sovereign.support;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * Resource options for a component's children: parented to the component (so the tree follows
 * the architecture) and bound to an explicit provider (so every resource's region is visible).
 */
public final class Children {
    private Children() {
    }

    public static CustomResourceOptions of(Resource parent, ProviderResource provider) {
        return CustomResourceOptions.builder().parent(parent).provider(provider).build();
    }

    public static CustomResourceOptions of(Resource parent, ProviderResource provider, Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(parent).provider(provider).dependsOn(List.of(dependsOn)).build();
    }

    /**
     * For resources that hold data or decide who can read it (keys, buckets, clusters, log groups):
     * `pulumi destroy` or a deleted line of code must never remove them. Protect stops a delete or
     * a replace in the engine; retainOnDelete keeps the cloud object if protect is lifted.
     */
    public static CustomResourceOptions stateful(Resource parent, ProviderResource provider, Resource... dependsOn) {
        return CustomResourceOptions.builder().parent(parent).provider(provider).dependsOn(List.of(dependsOn))
                .protect(true).retainOnDelete(true).build();
    }
}
