import { describe, expect, it } from 'vitest';
import { downscaleImage, jpegHeader, pngHeader, targetSize } from '../../src/core/attachment/image-downscale.js';
import { orient, resizeArea, type Rgba } from '../../src/core/attachment/image-pixels.js';
import { loadStoreSettings } from '../../src/core/attachment/store-settings.js';
import { IMAGE_MAX_EDGE } from '../../src/domain/attachment.js';
import { AppError } from '../../src/domain/errors.js';
import { decodeJpeg, decodePng, testJpeg, testPng } from '../helpers/test-images.js';

/**
 * Server-side photo downscaling and the store settings (docs/attachments.md): photos longer than
 * 1600 px shrink to 1600 on the long side in their own format, turned upright by EXIF; a small one
 * is left byte for byte; a canvas over 50 million pixels is refused before decoding.
 */
const px = (img: { width: number; data: Uint8Array }, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('photo downscaling', () => {
  it('reads the size from the header, and the EXIF orientation from a JPEG', () => {
    expect(jpegHeader(testJpeg(40, 30))).toEqual({ width: 40, height: 30, orientation: 1 });
    expect(jpegHeader(testJpeg(40, 30, 6))).toEqual({ width: 40, height: 30, orientation: 6 });
    expect(pngHeader(testPng(50, 20))).toEqual({ width: 50, height: 20, orientation: 1 });
    expect(jpegHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1]))).toBeNull();
    expect([targetSize(4000, 3000), targetSize(1000, 3200), targetSize(9000, 2)]).toEqual([{ width: 1600, height: 1200 }, { width: 500, height: 1600 }, { width: 1600, height: 1 }]);
  });

  it('area average: each output pixel the mean of what it covers; transparent pixels do not darken colour', () => {
    const img: Rgba = { width: 4, height: 2, data: new Uint8Array([
      0, 0, 0, 255, 200, 100, 0, 255, 10, 10, 10, 0, 90, 60, 30, 255,
      0, 0, 0, 255, 200, 100, 0, 255, 10, 10, 10, 0, 90, 60, 30, 255,
    ]) };
    const out = resizeArea(img, 2, 1);
    expect([px(out, 0, 0), px(out, 1, 0)]).toEqual([[100, 50, 0, 255], [90, 60, 30, 128]]);
    expect(resizeArea(img, 3, 2).width).toBe(3);
  });

  it('the eight EXIF orientations turn a 2×1 picture upright', () => {
    const img: Rgba = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255]) };
    const firsts = (o: number) => { const r = orient(img, o); return [r.width, r.height, r.data[0], r.data[4]]; };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(firsts)).toEqual([
      [2, 1, 1, 2], [2, 1, 2, 1], [2, 1, 2, 1], [2, 1, 1, 2], [1, 2, 1, 2], [1, 2, 1, 2], [1, 2, 2, 1], [1, 2, 2, 1],
    ]);
  });

  it('a large JPEG becomes 1600 px on its long side, upright by its EXIF orientation (6: turned clockwise)', () => {
    const r = downscaleImage(testJpeg(1800, 900, 6), 'image/jpeg');
    if (!r.changed) throw new Error('not shrunk');
    const img = decodeJpeg(r.content);
    expect([r.width, r.height, img.width, img.height]).toEqual([800, 1600, 800, 1600]);
    // The stored picture's left half (red) is the upright picture's top.
    const [tr, , tb] = px(img, 400, 200);
    const [br, , bb] = px(img, 400, 1400);
    expect(tr! > 150 && tb! < 80 && br! < 80 && bb! > 150).toBe(true);
    expect(jpegHeader(r.content)!.orientation).toBe(1); // no EXIF left to turn it again
  });

  it('a large PNG stays a PNG at 1600 px with its transparency', () => {
    const r = downscaleImage(testPng(2000, 500), 'image/png');
    if (!r.changed) throw new Error('not shrunk');
    const img = decodePng(r.content);
    expect([img.width, img.height]).toEqual([IMAGE_MAX_EDGE, 400]);
    expect(px(img, 100, 100)[3]).toBe(0);
    expect(px(img, 1500, 100)).toEqual([30, 160, 60, 255]);
  });

  it('a small photo, an exactly 1600 px one and other types are left as they are', () => {
    expect(downscaleImage(testJpeg(1600, 900), 'image/jpeg')).toEqual({ changed: false });
    expect(downscaleImage(testPng(300, 200), 'image/png')).toEqual({ changed: false });
    expect(downscaleImage(Buffer.from('%PDF-1.4'), 'application/pdf')).toEqual({ changed: false });
  });

  it('a canvas over 50 million pixels is refused from its header, before decoding (413 IMAGE_TOO_LARGE)', () => {
    const bomb = testPng(10, 10);
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(8_000, 20);
    let err: unknown;
    try { downscaleImage(bomb, 'image/png'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(413);
    expect((err as AppError).details[0]).toMatchObject({ field: 'file', code: 'IMAGE_TOO_LARGE' });
    expect((err as AppError).details[0]!.message).toContain('10000×8000');
  });
});

describe('attachment store settings', () => {
  const s3 = { LX_ATTACHMENT_STORE: 's3', LX_S3_BUCKET: 'lx-files', LX_S3_REGION: 'cn-north-1', LX_S3_ACCESS_KEY_ID: 'AK', LX_S3_SECRET_ACCESS_KEY: 'SK' };

  it('local by default; s3 with AWS (China) endpoint and virtual-host style, or a given endpoint path-style', () => {
    expect(loadStoreSettings({})).toEqual({ kind: 'local' });
    const aws = loadStoreSettings(s3);
    expect(aws.kind === 's3' && [aws.s3.endpoint.href, aws.s3.pathStyle, aws.s3.prefix]).toEqual(['https://s3.cn-north-1.amazonaws.com.cn/', false, '']);
    const minio = loadStoreSettings({ ...s3, LX_S3_ENDPOINT: 'http://minio:9000', LX_S3_PREFIX: 'lx/' });
    expect(minio.kind === 's3' && [minio.s3.endpoint.host, minio.s3.pathStyle, minio.s3.prefix]).toEqual(['minio:9000', true, 'lx/']);
    const forced = loadStoreSettings({ ...s3, LX_S3_ENDPOINT: 'https://oss.example.cn', LX_S3_PATH_STYLE: 'false' });
    expect(forced.kind === 's3' && forced.s3.pathStyle).toBe(false);
  });

  it('a missing or malformed setting stops the start with a Chinese message naming it', () => {
    expect(() => loadStoreSettings({ LX_ATTACHMENT_STORE: 'ftp' })).toThrow(/LX_ATTACHMENT_STORE 应为 local 或 s3/);
    expect(() => loadStoreSettings({ ...s3, LX_S3_SECRET_ACCESS_KEY: '' })).toThrow(/LX_S3_SECRET_ACCESS_KEY 未设置/);
    expect(() => loadStoreSettings({ ...s3, LX_S3_BUCKET: 'Bad/Bucket' })).toThrow(/LX_S3_BUCKET 不是有效的存储桶名称/);
    expect(() => loadStoreSettings({ ...s3, LX_S3_ENDPOINT: 'http://minio:9000/base' })).toThrow(/LX_S3_ENDPOINT 应为/);
    expect(() => loadStoreSettings({ ...s3, LX_S3_ENDPOINT: 'not a url' })).toThrow(/LX_S3_ENDPOINT 不是有效的网址/);
    expect(() => loadStoreSettings({ ...s3, LX_S3_PATH_STYLE: 'maybe' })).toThrow(/LX_S3_PATH_STYLE 应为 true 或 false/);
  });
});

describe('shrinking on a worker thread', () => {
  it('the file is shrunk in place while this thread keeps running; small files and refusals stay on this thread', async () => {
    const { downscaleImageFileOffThread } = await import('../../src/core/attachment/image-downscale-worker.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-shrink-'));
    try {
      const big = path.join(dir, 'big.jpg');
      fs.writeFileSync(big, testJpeg(3200, 2400));
      let ticks = 0;
      const timer = setInterval(() => { ticks++; }, 5);
      const r = await downscaleImageFileOffThread(big, 'image/jpeg').finally(() => clearInterval(timer));
      expect(r).toEqual({ changed: true, width: 1600, height: 1200 });
      expect(decodeJpeg(fs.readFileSync(big)).width).toBe(1600);
      expect(ticks).toBeGreaterThan(2); // the decode and resize ran elsewhere
      const small = path.join(dir, 'small.png');
      fs.writeFileSync(small, testPng(800, 600));
      expect(await downscaleImageFileOffThread(small, 'image/png')).toEqual({ changed: false });
      expect(await downscaleImageFileOffThread(small, 'application/pdf')).toEqual({ changed: false });
      const bomb = path.join(dir, 'bomb.png');
      const header = testPng(10, 10);
      header.writeUInt32BE(10_000, 16);
      header.writeUInt32BE(8_000, 20);
      fs.writeFileSync(bomb, header);
      await expect(downscaleImageFileOffThread(bomb, 'image/png')).rejects.toMatchObject({ status: 413, details: [{ field: 'file', code: 'IMAGE_TOO_LARGE' }] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
