package io.nomadx.sovereign.identity;

import com.pulumi.core.Output;
import io.nomadx.sovereign.support.PolicyDocument;
import io.nomadx.sovereign.support.PolicyDocument.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The permissions a role is being given, collected from the resources that grant them, CDK style
 * ({@code bucket.grantReadWrite(role, prefix)}: aws-cdk-lib aws-s3/lib/bucket.ts and aws-iam's
 * IGrantable): each resource writes the statements about itself, next to what it guards, and the
 * role takes {@link #policy()} as its inline policy.
 *
 * <p>Grants are recorded first and rendered once, when {@link #policy()} is called: statements are
 * grouped by the resource that granted them, in the order each resource first granted, and each
 * resource renders its group from everything it granted (a bucket lists all granted prefixes in one
 * statement).
 */
public final class Grantee {
  /** What one resource granted this grantee, rendered as statements once all grants are in. */
  public interface Grants {
    Output<List<Statement>> statements();
  }

  private final Map<Object, Grants> byResource = new LinkedHashMap<>();
  private boolean rendered;

  /**
   * The grants {@code resource} has made to this grantee, started with {@code start} on its first
   * grant.
   */
  @SuppressWarnings("unchecked")
  public <G extends Grants> G grantsOf(Object resource, Supplier<G> start) {
    if (rendered) {
      throw new IllegalStateException("a grant after the policy was rendered would be lost");
    }
    return (G) byResource.computeIfAbsent(resource, r -> start.get());
  }

  /** The inline policy: every resource's statements, in the order the resources first granted. */
  public Output<String> policy() {
    rendered = true;
    var groups = new ArrayList<Output<List<Statement>>>();
    byResource.values().forEach(g -> groups.add(g.statements()));
    return Output.all(groups)
        .applyValue(
            lists -> {
              var doc = PolicyDocument.create();
              lists.forEach(list -> list.forEach(doc::add));
              return doc.toJson();
            });
  }
}
