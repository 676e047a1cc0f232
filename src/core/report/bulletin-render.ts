import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium (playwright-core, /usr/bin/chromium or LX_CHROMIUM) prints the HTML bulletin to an A4
 * PDF with the system's Noto CJK fonts, and turns the SVG charts into PNG for the DOCX. One
 * browser per bulletin: started, used, closed.
 */
export async function withBrowser<T>(fn: (b: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: process.env.LX_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

export async function htmlToPdf(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true,
      displayHeaderFooter: true, headerTemplate: '<span></span>',
      // GB/T 9704 page numbers: 4号 (14 pt) serif, “— 1 —”, about 7 mm under the 版心 (the bottom margin is 35 mm).
      footerTemplate: '<div style="font-size:14pt;width:100%;text-align:center;font-family:\'Noto Serif CJK SC\',serif;margin-bottom:22mm">— <span class="pageNumber"></span> —</div>' });
  } finally {
    await page.close();
  }
}

/** SVG → PNG at 2× for print sharpness. */
export async function svgToPng(browser: Browser, svg: string, width: number, height: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
  try {
    await page.setContent(`<html><body style="margin:0;background:#fff">${svg}</body></html>`);
    return await page.screenshot({ clip: { x: 0, y: 0, width, height } });
  } finally {
    await page.close();
  }
}
