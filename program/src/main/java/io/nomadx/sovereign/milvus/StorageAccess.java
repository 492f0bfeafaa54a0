package io.nomadx.sovereign.milvus;

import com.pulumi.core.Output;
import io.nomadx.sovereign.config.Settings;
import io.nomadx.sovereign.identity.Grantee;
import io.nomadx.sovereign.identity.Keys;
import io.nomadx.sovereign.storage.SegmentBucket;

/**
 * What Milvus and milvus-backup do with the segment bucket and the data key, granted by the bucket
 * and the key themselves (their grant methods write the statements); each result is the inline
 * policy of the workload's IRSA role.
 */
public final class StorageAccess {
  /** The literal prefix segcore lists at start-up to check its connection (see {@link #milvus}). */
  static final String SEGCORE_CONNECTION_CHECK = "justforconnectioncheck";

  /**
   * The bucket's root: milvus-backup's bucket check lists it with an empty prefix (see {@link
   * #backup}).
   */
  static final String BUCKET_ROOT = "";

  private StorageAccess() {}

  /**
   * What Milvus does with the bucket, from its source at v2.5.14:
   *
   * <ul>
   *   <li>read, write and delete segments under the data prefix
   *       (internal/storage/minio_object_storage.go; multipart above 16 MiB, minio-go
   *       api-put-object.go);
   *   <li>read and list backups: a restore from the same bucket copies nothing and Milvus's import
   *       reads the backup's binlogs where they lie (milvus-backup v0.5.16
   *       core/restore/coll_task.go copyAndRewriteDir), but never write or delete them;
   *   <li>add to its access log, never read, change or delete it
   *       (internal/proxy/accesslog/minio_handler.go uploads to proxy.accessLog.remotePath at the
   *       bucket root, not under minio.rootPath);
   *   <li>list the prefix "justforconnectioncheck" at the bucket root: segcore's start-up check on
   *       QueryNodes and IndexNodes (internal/core/src/storage/MinioChunkManager.cpp PreCheck);
   *   <li>use the data key as an S3 client.
   * </ul>
   */
  public static Output<String> milvus(SegmentBucket bucket, Keys keys, Settings.StorageSettings s) {
    var milvus = new Grantee();
    bucket.grantReadWrite(milvus, s.dataPrefix());
    bucket.grantRead(milvus, s.backupPrefix());
    bucket.grantAppend(milvus, s.accessLogPrefix());
    bucket.grantListing(milvus, SEGCORE_CONNECTION_CHECK);
    keys.grantDataKeyForS3(milvus);
    return milvus.policy();
  }

  /**
   * What milvus-backup v0.5.16 does: read Milvus's segments (core/backup/coll_dml_task.go), copy
   * them server-side into the backup prefix and write, list and delete there
   * (internal/storage/minio.go; CopyObject needs s3:GetObject on the source and s3:PutObject on the
   * target). Its bucket check lists the backup bucket at its root with an empty prefix
   * (internal/storage/factory.go CreateBucketIfNotExist). It never writes or deletes under the data
   * prefix.
   */
  public static Output<String> backup(SegmentBucket bucket, Keys keys, Settings.StorageSettings s) {
    var backup = new Grantee();
    bucket.grantRead(backup, s.dataPrefix());
    bucket.grantReadWrite(backup, s.backupPrefix());
    bucket.grantListing(backup, BUCKET_ROOT);
    keys.grantDataKeyForS3(backup);
    return backup.policy();
  }
}
