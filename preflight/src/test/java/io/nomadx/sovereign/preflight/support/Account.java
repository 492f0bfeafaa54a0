package io.nomadx.sovereign.preflight.support;

import io.nomadx.sovereign.preflight.Footprint;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Puts an account into the state a test needs, by writing to moto directly (never through the
 * stand-in, so the actions preflight asks stay its own).
 */
public final class Account implements AutoCloseable {
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("AKIAPREFLIGHTTEST", "preflight-test-secret"));

  /**
   * A Docker image manifest, enough for ECR to store a tag (ECR API reference, PutImage:
   * imageManifest).
   */
  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":2,\"digest\":\"sha256:"
          + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}";

  public final Ec2Client ec2;
  public final EcrClient ecr;
  public final IamClient iam;

  public Account(URI moto) {
    var http = UrlConnectionHttpClient.create();
    ec2 =
        Ec2Client.builder()
            .region(Region.of("me-central-1"))
            .endpointOverride(moto)
            .credentialsProvider(CREDENTIALS)
            .httpClient(http)
            .build();
    ecr =
        EcrClient.builder()
            .region(Region.of("me-central-1"))
            .endpointOverride(moto)
            .credentialsProvider(CREDENTIALS)
            .httpClient(http)
            .build();
    iam =
        IamClient.builder()
            .region(Region.AWS_GLOBAL)
            .endpointOverride(moto)
            .credentialsProvider(CREDENTIALS)
            .httpClient(http)
            .build();
  }

  /**
   * The service-linked roles EKS and Auto Scaling use, as they appear once created (path
   * /aws-service-role/<service>/).
   */
  public void serviceLinkedRoles() {
    serviceLinkedRole("AWSServiceRoleForAmazonEKS", "eks.amazonaws.com");
    serviceLinkedRole("AWSServiceRoleForAmazonEKSNodegroup", "eks-nodegroup.amazonaws.com");
    serviceLinkedRole("AWSServiceRoleForAutoScaling", "autoscaling.amazonaws.com");
  }

  public void serviceLinkedRole(String name, String service) {
    iam.createRole(
        b ->
            b.roleName(name)
                .path("/aws-service-role/" + service + "/")
                .assumeRolePolicyDocument(trust("\"Service\":\"" + service + "\"")));
  }

  public void role(String name) {
    iam.createRole(
        b ->
            b.roleName(name)
                .assumeRolePolicyDocument(
                    trust("\"AWS\":\"arn:aws:iam::" + MotoServer.ACCOUNT + ":root\"")));
  }

  /** Every image in the mirror: repository and tag. */
  public void mirror(List<Footprint.Image> images) {
    images.forEach(this::push);
  }

  public void push(Footprint.Image image) {
    String path = image.repositoryPath();
    String repository = path.substring(path.indexOf('/') + 1);
    push(repository, image.tag());
  }

  public void push(String repository, String tag) {
    try {
      ecr.createRepository(b -> b.repositoryName(repository));
    } catch (RepositoryAlreadyExistsException ignored) {
      // several tags in one repository
    }
    ecr.putImage(b -> b.repositoryName(repository).imageTag(tag).imageManifest(MANIFEST));
  }

  public void vpcs(int count) {
    for (int i = 0; i < count; i++) {
      int n = i;
      ec2.createVpc(b -> b.cidrBlock("10." + (100 + n) + ".0.0/16"));
    }
  }

  public void elasticIps(int count) {
    for (int i = 0; i < count; i++) {
      ec2.allocateAddress(b -> b.domain(DomainType.VPC));
    }
  }

  /**
   * Instances of other workloads, launched from an image registered for them (moto serves no public
   * AMIs: MotoServer).
   */
  public void running(String instanceType, int count) {
    String ami = ec2.registerImage(b -> b.name("other-workload")).imageId();
    ec2.runInstances(
        b -> b.imageId(ami).instanceType(instanceType).minCount(count).maxCount(count));
  }

  public void oidcProvider(String url, String... clientIds) {
    iam.createOpenIDConnectProvider(
        b ->
            b.url(url)
                .clientIDList(clientIds)
                .thumbprintList("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"));
  }

  private static String trust(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
        + principal
        + "},\"Action\":\"sts:AssumeRole\"}]}";
  }

  @Override
  public void close() {
    ec2.close();
    ecr.close();
    iam.close();
  }
}
