// Renders docs/icon/icon.svg to media/icon.png (128×128, the Marketplace icon) with the headless
// Chromium the UI tests use. Usage: npm run icon
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './vscode/codeServer';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const svg = readFileSync(path.join(ROOT, 'docs', 'icon', 'icon.svg'), 'utf8');
  const browser = await launchBrowser({ viewport: { width: 128, height: 128 } });
  try {
    await browser.page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await browser.page.locator('svg').screenshot({ path: path.join(ROOT, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
