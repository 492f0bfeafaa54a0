package io.nomadx.sovereign.preflight;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The read-only AWS clients the checks use, all in the stack's region (IAM is global), all through
 * one endpoint when one is given (`--endpoint-url` or AWS_ENDPOINT_URL: an emulator in tests).
 */
public final class AwsClients implements AutoCloseable {
  public final StsClient sts;
  public final Ec2Client ec2;
  public final ServiceQuotasClient quotas;
  public final EksClient eks;
  public final EcrClient ecr;
  public final IamClient iam;
  public final SsmClient ssm;
  private final SdkHttpClient http;
  private final List<AutoCloseable> all = new ArrayList<>();

  public AwsClients(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    Region r = Region.of(region);
    this.sts = configure(StsClient.builder(), r, endpoint, credentials).build();
    this.ec2 = configure(Ec2Client.builder(), r, endpoint, credentials).build();
    this.quotas = configure(ServiceQuotasClient.builder(), r, endpoint, credentials).build();
    this.eks = configure(EksClient.builder(), r, endpoint, credentials).build();
    this.ecr = configure(EcrClient.builder(), r, endpoint, credentials).build();
    this.iam = configure(IamClient.builder(), Region.AWS_GLOBAL, endpoint, credentials).build();
    this.ssm = configure(SsmClient.builder(), r, endpoint, credentials).build();
    all.addAll(List.of(sts, ec2, quotas, eks, ecr, iam, ssm));
  }

  private <
          B extends
              AwsClientBuilder<B, C>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
          C>
      B configure(
          B builder, Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    builder
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60)).build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  @Override
  public void close() {
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a client releases nothing the process still needs
      }
    }
    http.close();
  }
}
