package io.nomadx.sovereign.support;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import java.util.List;

/**
 * Resource options for a component's children: parented to the component, so the tree follows the
 * architecture and each child takes its provider from the component.
 *
 * <p>Providers travel the Pulumi way, through the component's own options, never through its {@code
 * Args}: whoever builds a component names the providers once ({@link #using}), and every child, and
 * every child component, finds the one for its package through {@code parent}. In the Pulumi Java
 * SDK 1.36.1 ({@code com.pulumi:pulumi} sources, {@code com/pulumi/resources/Resource.java}, the
 * {@code Resource(String, String, boolean, ResourceArgs, ResourceOptions, boolean, boolean,
 * CompletableFuture)} constructor):
 *
 * <ul>
 *   <li>a resource starts from a copy of its parent's {@code providers} map;
 *   <li>a component adds the providers of its options to that map, keyed by each provider's package
 *       ({@code convertToProvidersMap}: {@code ProviderResourceInternal.getPackage()}, "aws",
 *       "kubernetes");
 *   <li>a custom resource given no provider takes {@code ResourceInternal.getProvider(parent,
 *       type)}: the parent's map entry for the first segment of its type token ({@code
 *       aws:s3/bucketV2:BucketV2} → "aws"), which is then the explicit provider reference it
 *       registers with (DeploymentImpl.prepareResourceAsync sends {@code options.getProvider()} for
 *       custom resources only, so the component's own registration carries none);
 *   <li>an invoke with a parent and no provider resolves the same way ({@code
 *       com/pulumi/deployment/InvokeOptions.java}, {@code getNestedProvider}).
 * </ul>
 *
 * So a child whose component was given no provider for its package falls back to the default
 * provider; the plan tests check that no custom resource of any plan does. One caution from the
 * same constructor: it writes the inherited provider into the options object it was given ({@code
 * options.provider = ...}), so one options object may be shared by children of one package only (a
 * component's Kubernetes objects), never by an AWS and a Kubernetes child.
 */
public final class Children {
  private Children() {}

  /** The options a composer gives a component: the providers its children use, by package. */
  public static ComponentResourceOptions using(ProviderResource... providers) {
    return ComponentResourceOptions.builder().providers(providers).build();
  }

  /** A child component of {@code parent}: it inherits the parent's providers. */
  public static ComponentResourceOptions component(Resource parent) {
    return ComponentResourceOptions.builder().parent(parent).build();
  }

  public static CustomResourceOptions of(Resource parent, Resource... dependsOn) {
    return builder(parent, dependsOn).build();
  }

  /** A starting point for children that need more options (ignoreChanges, timeouts, aliases). */
  public static CustomResourceOptions.Builder builder(Resource parent, Resource... dependsOn) {
    var options = CustomResourceOptions.builder().parent(parent);
    return dependsOn.length == 0 ? options : options.dependsOn(List.of(dependsOn));
  }

  /**
   * For resources that hold data or decide who can read it (keys, buckets, clusters, log groups):
   * `pulumi destroy` or a deleted line of code must never remove them. Protect stops a delete or a
   * replace in the engine; retainOnDelete keeps the cloud object if protect is lifted.
   */
  public static CustomResourceOptions stateful(Resource parent, Resource... dependsOn) {
    return builder(parent, dependsOn).protect(true).retainOnDelete(true).build();
  }
}
