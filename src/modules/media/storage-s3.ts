import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectStorage } from './storage';
import { assertSafeKey } from './storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, R2, Ceph…); addressed path-style. Omit for AWS. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Objects in an S3 bucket. A single PUT is atomic in S3 (an object appears complete
 * or not at all). The body streams from the staged file with its length known, and
 * its sha256 — which we computed anyway — is sent as the signed payload hash
 * (x-amz-content-sha256), so the server refuses bytes damaged in transit. The SDK's
 * newer aws-chunked checksum trailers are switched off (`WHEN_REQUIRED`) because many
 * S3-compatible servers do not understand them; the signed hash covers the same need.
 */
export function createS3Storage(options: S3StorageOptions): ObjectStorage {
  // The SDK is loaded on first use: ~200 ms of every start (and every `mono` command) that
  // an installation on local storage never needs.
  let sdk: Promise<{ s3: typeof import('@aws-sdk/client-s3'); client: S3Client }> | undefined;
  const connect = () =>
    (sdk ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: Boolean(options.endpoint),
        credentials:
          options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  const Bucket = options.bucket;

  return {
    driver: 's3',

    async put(key, body, { size, sha256, contentType }) {
      assertSafeKey(key);
      // The SDK does not watch the body for errors: a failing source would leave the
      // request hanging, so a source error aborts it (watched before the SDK is loaded).
      const abort = new AbortController();
      let sourceError: unknown;
      const onError = (error: unknown) => {
        sourceError = error;
        abort.abort(error);
      };
      body.once('error', onError);
      try {
        const { s3, client } = await connect();
        const command = new s3.PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: size, ContentType: contentType });
        if (sha256) {
          command.middlewareStack.add(
            (next) => async (args) => {
              (args.request as { headers: Record<string, string> }).headers['x-amz-content-sha256'] = sha256;
              return next(args);
            },
            { step: 'build', name: 'monoSignedPayloadHash' },
          );
        }
        await client.send(command, { abortSignal: abort.signal });
      } catch (error) {
        throw sourceError ?? error;
      } finally {
        body.off('error', onError);
      }
    },

    async get(key, range) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      try {
        const result = await client.send(new s3.GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
        return result.Body as Readable;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async head(key) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      try {
        const result = await client.send(new s3.HeadObjectCommand({ Bucket, Key: key }));
        return { size: result.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
