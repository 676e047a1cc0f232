import { describe, expect, it } from 'vitest';
import { amzDate, EMPTY_SHA256, signV4, uriEncode } from '../../src/core/attachment/s3-signature.js';

/**
 * SigV4 against the examples AWS publishes (docs/attachments.md): the signature test suite's
 * "get-vanilla" (the canonical request's hash from get-vanilla.sts, the header from get-vanilla.authz)
 * and S3's own "GET Object" example (Range header, x-amz-content-sha256, a key in the path).
 */
describe('AWS Signature V4', () => {
  const suite = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

  it('get-vanilla (AWS SigV4 test suite): canonical request, string to sign and Authorization header', () => {
    const s = signV4(suite, { method: 'GET', host: 'example.amazonaws.com', path: '/', payloadHash: EMPTY_SHA256, region: 'us-east-1', service: 'service', now: new Date('2015-08-30T12:36:00Z') });
    expect(s.canonicalRequest).toBe(`GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY_SHA256}`);
    expect(s.stringToSign).toBe('AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63');
    expect(s.headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    expect(s.headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('get-vanilla-query-order-key-case (AWS SigV4 test suite): query parameters sorted by name', () => {
    const s = signV4(suite, { method: 'GET', host: 'example.amazonaws.com', path: '/', query: { Param2: 'value2', Param1: 'value1' }, payloadHash: EMPTY_SHA256, region: 'us-east-1', service: 'service', now: new Date('2015-08-30T12:36:00Z') });
    expect(s.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('S3 "GET Object" example (Amazon S3 API reference, signature calculations): Range and x-amz-content-sha256 signed', () => {
    const s = signV4({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, {
      method: 'GET', host: 'examplebucket.s3.amazonaws.com', path: '/test.txt', headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256 },
      payloadHash: EMPTY_SHA256, region: 'us-east-1', service: 's3', now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(s.stringToSign.split('\n')[3]).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(s.headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('a session token is signed and sent; the wire date and URI encoding follow the spec', () => {
    const s = signV4({ ...suite, sessionToken: 'TOKEN' }, { method: 'GET', host: 'h', path: '/', payloadHash: EMPTY_SHA256, region: 'r', service: 's3', now: new Date('2020-01-02T03:04:05.678Z') });
    expect(s.headers['x-amz-security-token']).toBe('TOKEN');
    expect(s.headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
    expect(amzDate(new Date('2020-01-02T03:04:05.678Z'))).toBe('20200102T030405Z');
    expect(uriEncode("a b/c~d*'(!)")).toBe('a%20b%2Fc~d%2A%27%28%21%29');
    expect(uriEncode('附件/a b', true)).toBe('%E9%99%84%E4%BB%B6/a%20b');
  });
});
