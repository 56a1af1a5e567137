import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ArchiveObjectNotFoundError, type ArchiveStore, assertKey } from './store.js';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, without a trailing slash; '' for the bucket root. */
  prefix?: string;
  /** Custom endpoint for S3-compatible stores (MinIO, s3rver, R2…); unset = AWS. */
  endpoint?: string;
  region?: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by most S3-compatible servers. */
  forcePathStyle?: boolean;
  /** Unset = the SDK's default chain (env, profile, instance role). Never logged. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The archive in an S3-compatible bucket, through @aws-sdk/client-s3. */
export class S3ArchiveStore implements ArchiveStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly opts: S3StoreOptions) {
    this.prefix = opts.prefix ? `${opts.prefix.replace(/\/+$/, '')}/` : '';
    this.location = `s3://${opts.bucket}/${this.prefix}`;
    this.client = new S3Client({
      region: opts.region ?? 'us-east-1',
      forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
    });
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    assertKey(key);
    // A single PUT replaces the object atomically: readers see the old or the new object, never half.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.opts.bucket,
        Key: this.prefix + key,
        Body: body,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    assertKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.prefix + key }));
      if (!out.Body) throw new ArchiveObjectNotFoundError(this.location, key);
      return await out.Body.transformToByteArray();
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') {
        throw new ArchiveObjectNotFoundError(this.location, key);
      }
      throw err;
    }
  }

  async list(prefix: string): Promise<{ key: string; size: number }[]> {
    const out: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: this.prefix + prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key) out.push({ key: o.Key.slice(this.prefix.length), size: o.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.prefix + key }));
  }
}
