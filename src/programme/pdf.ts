/** Renders HTML to PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

/** Debian's Chromium, the same browser the browser tests drive. */
const CHROMIUM_PATH = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * Prints with headless Chromium through playwright-core: one browser per document, JavaScript off and the context
 * offline (the pack is self-contained), A4 with page numbers. playwright-core is loaded on first use, so a Charter
 * that never prints a PDF does not need it.
 */
export function chromiumPrinter(executablePath = CHROMIUM_PATH): PdfPrinter {
  return async (html) => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>',
        footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#57606a"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
        margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
      });
    } finally {
      await browser.close();
    }
  };
}
