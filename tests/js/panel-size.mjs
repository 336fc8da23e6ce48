// Measures what the admin panel costs to load: every response of the panel's own origin while Chromium opens the
// dashboard in proxy mode and then visits every page, as bytes on the wire (gzip, as www/serve.mjs sends them) and
// decoded. API calls are counted apart. Run: node tests/js/panel-size.mjs (after make pkg and the sandbox build).
import { proxyPanel, launch } from './panel-kit.mjs';
import { startSandbox } from './helpers.mjs';

const sandbox = await startSandbox();
const www = await proxyPanel(sandbox);
const browser = await launch();
try {
  const page = await browser.newPage();
  const seen = [];
  page.on('requestfinished', async (request) => {
    const response = await request.response();
    const sizes = await request.sizes();
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push({ url: request.url().replace(www.url, '/'), wire: sizes.responseBodySize, decoded: body.length, api: request.url().includes('/api/') });
  });
  await page.goto(`${www.url}#/`);
  await page.locator('#price-table').waitFor();
  for (const route of ['#/customers', '#/customers/MTD0018232', '#/trade', '#/orders', '#/orders/ALS8HEVP', '#/delivery', '#/connect']) {
    await page.goto(`${www.url}${route}`);
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(300);
  const assets = seen.filter((s) => !s.api);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const sum = (list, key) => list.reduce((total, s) => total + s[key], 0);
  for (const s of assets.sort((a, b) => b.wire - a.wire)) console.log(`${kb(s.wire).padStart(9)} ${kb(s.decoded).padStart(9)}  ${s.url}`);
  const wasm = assets.filter((s) => s.url.endsWith('.wasm'));
  const pkg = assets.filter((s) => s.url.startsWith('/pkg/'));
  console.log(`\npanel total: ${assets.length} files, ${kb(sum(assets, 'wire'))} on the wire (gzip), ${kb(sum(assets, 'decoded'))} decoded`);
  console.log(`  of which the package: ${kb(sum(pkg, 'wire'))} gzip / ${kb(sum(pkg, 'decoded'))} (wasm ${kb(sum(wasm, 'wire'))} / ${kb(sum(wasm, 'decoded'))})`);
  const own = assets.filter((s) => !s.url.startsWith('/pkg/'));
  console.log(`  the panel's own files: ${kb(sum(own, 'wire'))} gzip / ${kb(sum(own, 'decoded'))}`);
} finally {
  await browser.close();
  await www.close();
  await sandbox.stop();
}
