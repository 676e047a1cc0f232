import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for the S3-compatible attachment store (docs/attachments.md). A few dozen
 * lines over node:crypto instead of the AWS SDK (hundreds of packages for three calls); checked in
 * test/unit/s3-signature.test.ts against the examples AWS publishes (the test suite's get-vanilla
 * and the S3 GET-object example), and against a real S3-compatible server in the medium test.
 */
export type S3Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export type SignInput = {
  method: string;
  host: string;
  /** The path as it goes on the wire: already URI-encoded (S3 keys are encoded once, not twice). */
  path: string;
  /** Query parameters; sorted and encoded here. */
  query?: Record<string, string>;
  /** Headers to sign besides host and x-amz-date (names in any case). */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body, or UNSIGNED-PAYLOAD. */
  payloadHash: string;
  region: string;
  service: string;
  now: Date;
};

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - _ . ~ is %XX (slashes kept when asked). */
export function uriEncode(s: string, keepSlash = false): string {
  const e = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? e.replace(/%2F/g, '/') : e;
}

/** 20150830T123600Z */
export const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export type Signed = { canonicalRequest: string; stringToSign: string; signature: string; headers: Record<string, string> };

/** The headers to send (host excepted: the HTTP client sets it), with `authorization`. */
export function signV4(creds: S3Credentials, input: SignInput): Signed {
  const date = amzDate(input.now);
  const day = date.slice(0, 8);
  const extra: Record<string, string> = { 'x-amz-date': date, ...(creds.sessionToken ? { 'x-amz-security-token': creds.sessionToken } : {}) };
  const all = new Map<string, string>([['host', input.host]]);
  for (const [k, v] of Object.entries({ ...input.headers, ...extra })) all.set(k.toLowerCase(), v.trim().replace(/\s+/g, ' '));
  const names = [...all.keys()].sort();
  const signedHeaders = names.join(';');
  const query = Object.entries(input.query ?? {}).map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
  const canonicalRequest = [input.method, input.path, query, ...names.map((n) => `${n}:${all.get(n)}`), '', signedHeaders, input.payloadHash].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), input.region), input.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  const headers: Record<string, string> = { ...input.headers, ...extra };
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, headers };
}
