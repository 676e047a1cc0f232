import { IMAGE_MAX_EDGE } from '../../../../src/domain/attachment';

/**
 * Photos are made smaller in the browser before upload (docs/attachments.md), so a phone's 10 MB
 * photo is not sent whole over a slow line; the server shrinks what still arrives larger (photos sent
 * through the API) to the same size. A JPEG or PNG wider or taller than 1600 px is redrawn on a
 * canvas at that size as JPEG (quality 0.85); anything else, or a browser that cannot, sends the file
 * as it is.
 */
const MAX = IMAGE_MAX_EDGE;

export async function downscale(file: File): Promise<{ blob: Blob; name: string }> {
  if (!/^image\/(jpeg|png)$/.test(file.type) || typeof createImageBitmap !== 'function') return { blob: file, name: file.name };
  try {
    const bmp = await createImageBitmap(file);
    const k = Math.min(1, MAX / Math.max(bmp.width, bmp.height));
    if (k === 1) return { blob: file, name: file.name };
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bmp.width * k);
    canvas.height = Math.round(bmp.height * k);
    canvas.getContext('2d')!.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
    return blob ? { blob, name: file.name.replace(/\.\w+$/, '') + '.jpg' } : { blob: file, name: file.name };
  } catch {
    return { blob: file, name: file.name };
  }
}
