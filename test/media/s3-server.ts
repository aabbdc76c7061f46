import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal S3-compatible server for tests: path-style PUT/GET/HEAD/DELETE of objects
 * in memory, with real AWS Signature Version 4 verification (written independently of
 * the SDK, from the published algorithm) and a check of the signed payload hash. The
 * real @aws-sdk/client-s3 talks to it over real HTTP, so a request the SDK signs wrongly,
 * a wrong secret, or bytes changed in transit are refused exactly as S3 would.
 */
export interface TestS3Server {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, Buffer>;
  /** Every request that reached the server, after authentication. */
  requests: { method: string; key: string; payloadHash: string; bodyBytes: number }[];
  /** Next PUT body is altered on arrival (simulates corruption in transit). */
  corruptNextPut: boolean;
  close(): Promise<void>;
}

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Recomputes the SigV4 signature of a request; returns an error code or null. */
function verifySignature(req: IncomingMessage, secret: string, accessKeyId: string, region: string): string | null {
  const auth = req.headers.authorization ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) return 'AccessDenied';
  const [, keyId, date, scopeRegion, signedHeaders, signature] = match as unknown as string[];
  if (keyId !== accessKeyId) return 'InvalidAccessKeyId';
  if (scopeRegion !== region) return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (!amzDate.startsWith(date!) || !payloadHash) return 'AccessDenied';
  const url = new URL(req.url ?? '/', 'http://s3.test');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = signedHeaders!.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return 'AccessDenied';
  const headers = names
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region), 's3'), 'aws4_request');
  return hmac(key, toSign).toString('hex') === signature ? null : 'SignatureDoesNotMatch';
}

function parseRange(header: string | undefined, size: number): [number, number] | null {
  const m = header ? /^bytes=(\d+)-(\d*)$/.exec(header) : null;
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return [start, end];
}

export async function startTestS3Server(): Promise<TestS3Server> {
  const state = {
    bucket: 'mono-test',
    accessKeyId: 'AKIAMONOTEST',
    secretAccessKey: 'mono-test-secret-key',
    region: 'eu-central-1',
    objects: new Map<string, Buffer>(),
    requests: [] as TestS3Server['requests'],
    corruptNextPut: false,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const failure = verifySignature(req, state.secretAccessKey, state.accessKeyId, state.region);
    if (failure) {
      await readBody(req);
      return xmlError(res, 403, failure, 'The request signature we calculated does not match the signature you provided.');
    }
    const path = new URL(req.url ?? '/', 'http://s3.test').pathname;
    const [, bucket, ...rest] = path.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    if (bucket !== state.bucket) return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    const payloadHash = String(req.headers['x-amz-content-sha256']);

    if (req.method === 'PUT') {
      if (payloadHash.startsWith('STREAMING-')) return xmlError(res, 501, 'NotImplemented', 'aws-chunked uploads are not supported here');
      let body = await readBody(req);
      if (state.corruptNextPut) {
        state.corruptNextPut = false;
        body = Buffer.from(body);
        body[body.length - 1] = body[body.length - 1]! ^ 0xff;
      }
      if (Number(req.headers['content-length']) !== body.length) return xmlError(res, 400, 'IncompleteBody', 'length mismatch');
      if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) {
        return xmlError(res, 400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
      }
      state.requests.push({ method: 'PUT', key, payloadHash, bodyBytes: body.length });
      state.objects.set(key, body);
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      return res.end();
    }
    await readBody(req);
    state.requests.push({ method: req.method ?? '', key, payloadHash, bodyBytes: 0 });
    const object = state.objects.get(key);
    if (req.method === 'DELETE') {
      state.objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    if (!object) {
      if (req.method === 'HEAD') {
        res.writeHead(404);
        return res.end();
      }
      return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': object.length });
      return res.end();
    }
    if (req.method === 'GET') {
      const range = parseRange(req.headers.range, object.length);
      if (range) {
        const [start, end] = range;
        res.writeHead(206, { 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${object.length}` });
        return res.end(object.subarray(start, end + 1));
      }
      res.writeHead(200, { 'content-length': object.length });
      return res.end(object);
    }
    return xmlError(res, 405, 'MethodNotAllowed', 'not supported');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => xmlError(res, 500, 'InternalError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
