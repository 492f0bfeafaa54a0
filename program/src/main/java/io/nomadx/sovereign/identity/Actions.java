package io.nomadx.sovereign.identity;

import java.util.List;

/** Named IAM and KMS action lists, so each grant says what it allows by name. */
public final class Actions {
  private Actions() {}

  /**
   * Managing a key, never using it: aliases, describe/enable/disable/schedule deletion and tags.
   * Not "kms:Create*" (AWS's default administrator statement): it matches kms:CreateGrant, and a
   * grant is use of the key by whoever the grantee is (found by the permission contract).
   */
  public static final List<String> KMS_ADMIN =
      List.of(
          "kms:CreateAlias",
          "kms:Describe*",
          "kms:Enable*",
          "kms:List*",
          "kms:Put*",
          "kms:Update*",
          "kms:Revoke*",
          "kms:Disable*",
          "kms:Get*",
          "kms:Delete*",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
          "kms:RotateKeyOnDemand");

  /** Encrypting and decrypting data with a key. */
  public static final List<String> KMS_USE =
      List.of(
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:DescribeKey");

  /**
   * What an S3 client with SSE-KMS needs: GenerateDataKey to write, Decrypt to read and to finish
   * multipart uploads (AWS S3 docs, "Multipart upload API and permissions").
   */
  public static final List<String> KMS_FOR_S3 =
      List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey");

  public static final List<String> S3_READ = List.of("s3:GetObject", "s3:GetObjectVersion");
  public static final List<String> S3_WRITE =
      List.of(
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts");

  /**
   * Adding objects (single or multipart) without reading, overwriting being kept as a version, or
   * deleting.
   */
  public static final List<String> S3_APPEND =
      List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

  public static final List<String> S3_LIST = List.of("s3:ListBucket", "s3:GetBucketLocation");

  public static final String EKS_CLUSTER_POLICY = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";
  public static final String EKS_WORKER_NODE_POLICY =
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy";
  public static final String ECR_READ_ONLY_POLICY =
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
  public static final String EKS_CNI_POLICY = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";
  public static final String EBS_CSI_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";
  public static final String EKS_CLUSTER_ADMIN_ACCESS =
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
}
