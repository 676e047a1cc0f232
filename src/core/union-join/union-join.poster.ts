import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import qrcode from 'qrcode-generator';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { JOIN_NOTICE } from '../../domain/union-join.js';
import type { Actor } from '../access/actor.js';
import { withBrowser } from '../report/bulletin-render.js';
import { openUnionForRead } from '../union/union.service.js';
import { chairNameOf, ensureLink } from './union-join.repository.js';

const SERIF = "'Noto Serif CJK SC', 'Noto Serif SC', serif";
const SANS = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The QR code of `url` as an SVG (error correction M: a poster survives a crease or a smudge). */
export function qrSvg(url: string, size = 260): string {
  const qr = qrcode(0, 'M');
  qr.addData(url, 'Byte');
  qr.make();
  const cell = Math.max(2, Math.floor(size / (qr.getModuleCount() + 8)));
  return qr.createSvgTag({ cellSize: cell, margin: cell * 4, scalable: true });
}

export type PosterFacts = { unionName: string; chairName: string | null; officePhone: string | null; url: string };

/** One A4 page: the union's name, its chair and phone, the QR code and the address, 入会须知. */
export function posterHtml(p: PosterFacts): string {
  const line = (label: string, value: string | null) => (value ? `<p class="fact"><span>${label}</span>${esc(value)}</p>` : '');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.unionName)}入会二维码</title><style>
@page { size: A4; margin: 20mm 18mm; }
body { margin: 0; font-family: ${SANS}; color: #000; text-align: center; }
h1 { font-family: ${SERIF}; font-size: 30pt; color: #c41d1d; margin: 4mm 0 2mm; }
h2 { font-size: 20pt; font-weight: 700; margin: 0 0 8mm; letter-spacing: 0.3em; }
.qr { width: 90mm; height: 90mm; margin: 0 auto 3mm; } .qr svg { width: 100%; height: 100%; }
.url { font-size: 10pt; color: #333; word-break: break-all; margin-bottom: 6mm; }
.fact { font-size: 14pt; margin: 1.5mm 0; } .fact span { color: #555; margin-right: 1em; }
.notice { text-align: left; border-top: 1px solid #c41d1d; margin-top: 8mm; padding-top: 4mm; font-size: 11pt; line-height: 1.7; }
.notice h3 { font-size: 13pt; margin: 0 0 2mm; text-align: center; } .notice li { margin-bottom: 1mm; }
</style></head><body>
<h1>${esc(p.unionName)}</h1><h2>欢迎加入工会</h2>
<div class="qr">${qrSvg(p.url)}</div><p class="url">微信或手机浏览器扫码填写入会申请 · ${esc(p.url)}</p>
${line('工会主席', p.chairName)}${line('联系电话', p.officePhone)}
<div class="notice"><h3>入会须知</h3><ol>${JOIN_NOTICE.map((n) => `<li>${esc(n)}</li>`).join('')}</ol></div>
</body></html>`;
}

/**
 * `GET /api/unions/:id/poster.pdf`: for anyone who sees the union. `origin` is the address the
 * caller reached the system at, so the QR code opens the same server from a phone.
 */
export async function unionPoster(db: Db, actor: Actor, unionId: string, origin: string): Promise<{ pdf: Buffer; fileName: string }> {
  const { union } = await openUnionForRead(db, actor, unionId);
  if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不再接收入会申请');
  const link = await ensureLink(db, unionId, crypto.randomBytes(24).toString('base64url'));
  const chair = link.show_chair ? await chairNameOf(db, unionId) : null;
  const html = posterHtml({ unionName: union.name, chairName: chair, officePhone: link.office_phone, url: `${origin}/join/${link.token}` });
  const pdf = await withBrowser((b) => printA4(b, html));
  return { pdf, fileName: `${union.name}-入会二维码.pdf` };
}

/** One page, no header or footer (the bulletin's printer adds GB/T 9704 page numbers; a poster has none). */
async function printA4(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await page.close();
  }
}
