import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An S3-compatible stand-in on loopback for tests: PUT, GET and DELETE of objects, path-style
 * (/bucket/key), kept in memory. It answers as S3 does (404 NoSuchKey as XML) and checks no
 * signatures; the real AWS SDK talks to it unchanged.
 */
export async function startS3StandIn(): Promise<{
  url: string;
  objects: Map<string, Buffer>;
  close: () => Promise<void>;
}> {
  const objects = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const key = decodeURIComponent(new URL(request.url ?? "/", "http://stand-in").pathname);
    if (request.method === "PUT") {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        objects.set(key, Buffer.concat(chunks));
        response.writeHead(200, { etag: '"stand-in"' }).end();
      });
      return;
    }
    if (request.method === "GET") {
      const object = objects.get(key);
      if (!object) {
        response
          .writeHead(404, { "content-type": "application/xml" })
          .end(
            '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
          );
        return;
      }
      response
        .writeHead(200, { "content-type": "application/octet-stream", "content-length": object.length })
        .end(object);
      return;
    }
    if (request.method === "DELETE") {
      objects.delete(key);
      response.writeHead(204).end();
      return;
    }
    response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
