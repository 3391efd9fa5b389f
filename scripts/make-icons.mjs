// Renders the app icon (the character 阅 on the app's red, in a CJK serif) to build/icon.png at 1024 px
// with the system Chromium, for electron-builder (which derives .ico and .icns from it). Needs a CJK
// font (Debian: fonts-noto-cjk). Run once when the icon changes.
import { chromium } from '@playwright/test';
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(`<html><body style="margin:0;background:transparent">
  <div style="width:1024px;height:1024px;border-radius:224px;background:#a5342b;display:flex;
    align-items:center;justify-content:center;color:#fff;
    font:700 700px/1 'Noto Serif CJK SC','Source Han Serif SC','Songti SC',serif">阅</div></body></html>`);
await page.screenshot({ path: 'build/icon.png', omitBackground: true });
await browser.close();
console.log('wrote build/icon.png');
