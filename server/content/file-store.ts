import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";

/** Where document files live: a folder on disk, or an S3-compatible bucket. Keys are ours, never a user's. */
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
}

const safeKey = /^[a-z0-9][a-z0-9/_.-]{0,300}$/;

export function diskStore(root: string): FileStore {
  const absolute = (key: string) => {
    if (!safeKey.test(key) || key.includes("..")) throw new Error("invalid file key");
    return path.join(path.resolve(root), key);
  };
  return {
    async put(key, bytes) {
      const target = absolute(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      await writeFile(`${target}.part`, bytes);
      await rename(`${target}.part`, target);
    },
    async get(key) {
      try {
        return await readFile(absolute(key));
      } catch {
        return null;
      }
    },
    async remove(key) {
      await rm(absolute(key), { force: true });
    },
  };
}

export function s3Store(config: { bucket: string; endpoint?: string | undefined; region: string }): FileStore {
  // Path-style addressing works with every S3-compatible store (MinIO, Ceph, R2) as well as AWS.
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.endpoint !== undefined,
  });
  return {
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: bytes, ContentType: contentType }),
      );
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key }));
    },
  };
}

/** The store the environment names: an S3 bucket when DOCUMENT_S3_BUCKET is set, else UPLOAD_DIR on disk. */
export function documentStore(): FileStore {
  const e = env();
  return e.DOCUMENT_S3_BUCKET
    ? s3Store({ bucket: e.DOCUMENT_S3_BUCKET, endpoint: e.DOCUMENT_S3_ENDPOINT, region: e.DOCUMENT_S3_REGION })
    : diskStore(e.UPLOAD_DIR);
}
