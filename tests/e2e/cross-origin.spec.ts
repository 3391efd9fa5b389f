/**
 * A leaked token is not enough to write from another page (issue #18, item 4). A page served on
 * another local port, in the same Chromium, sends what a hostile page can: no-cors `text/plain` POSTs
 * with the token in the URL (no preflight), a CORS call with the token in the header (preflighted),
 * and a form post. The serve shell answers 403 and, checked through the real API, nothing changed:
 * neither the settings nor the sources (no import started). And the app's own page keeps working
 * while its token leaves the address bar.
 */
import type { APIRequestContext } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test } from './serve-fixture';

let attacker: Server;
let attackerPort = 0;
let folder = '';
/** What the attacker's server serves at every path. */
let attackHtml = '';

/**
 * The hostile page: every write it can attempt on the app's API (`api`, e.g.
 * http://127.0.0.1:41234/api/call) with the leaked token, then its title says so.
 */
function attackPage(fontSize: number, api: string, token: string): string {
  const settings = JSON.stringify({ fontSize });
  const imports = JSON.stringify({ paths: [folder] });
  const script = `
    const api = ${JSON.stringify(api)};
    const token = ${JSON.stringify(token)};
    const noCors = (channel, body) =>
      fetch(api + '/' + channel + '?token=' + token, {
        method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body,
      });
    Promise.allSettled([
      noCors('library:updateSettings', ${JSON.stringify(settings)}),
      noCors('archive:import', ${JSON.stringify(imports)}),
      fetch(api + '/library:updateSettings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Yuelan-Token': token },
        body: ${JSON.stringify(settings)},
      }),
    ]).then((results) => {
      window.results = results.map((r) => r.status);
      document.getElementById('form').submit();
      document.title = 'sent';
    });`;
  return `<!doctype html><title>hostile</title>
    <iframe name="sink"></iframe>
    <form id="form" method="POST" enctype="text/plain" target="sink"
      action="${api}/library:updateSettings?token=${token}">
      <input name='{"fontSize":${fontSize},"x":"' value='"}'>
    </form>
    <script>${script}</script>`;
}

async function callApi<T>(
  request: APIRequestContext,
  token: string,
  channel: string,
  body: unknown,
): Promise<T> {
  const res = await request.post(`/api/call/${channel}`, {
    headers: { 'X-Yuelan-Token': token },
    data: body,
  });
  const json = (await res.json()) as { ok: boolean; value: T };
  expect(json.ok, JSON.stringify(json)).toBe(true);
  return json.value;
}

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'yuelan-cross-origin-'));
  copyFileSync(join(process.cwd(), 'tests/fixtures/hostile/hostile.txt'), join(folder, 'chosen.txt'));
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackHtml);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
});

test.afterAll(() => {
  attacker?.close();
  rmSync(folder, { recursive: true, force: true });
});

for (const host of ['127.0.0.1', 'localhost']) {
  test(`a page on ${host}:<another port> cannot write with the leaked token`, async ({
    page,
    request,
    baseURL,
    token,
  }) => {
    const before = await callApi<{ fontSize: number }>(request, token, 'library:settings', {});
    const sourcesBefore = (
      await callApi<{ sources: { path: string }[] }>(request, token, 'archive:sourcesPage', { limit: 1000 })
    ).sources;
    const fontSize = before.fontSize === 31 ? 30 : 31;
    attackHtml = attackPage(fontSize, `${baseURL}/api/call`, token);

    const statuses: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/call/')) {
        statuses.push(`${res.request().method()} ${new URL(res.url()).pathname} ${res.status()}`);
      }
    });
    const formAnswer = page.waitForResponse(
      (res) => res.url().includes('/api/call/') && res.request().resourceType() === 'document',
    );
    await page.goto(`http://${host}:${attackerPort}/`);
    await expect(page).toHaveTitle('sent');
    await formAnswer;

    // The no-cors posts reached the server and were refused; the CORS call failed its preflight.
    expect(statuses).toEqual(
      expect.arrayContaining([
        'POST /api/call/library:updateSettings 403',
        'POST /api/call/archive:import 403',
      ]),
    );
    expect(statuses.filter((s) => !s.endsWith(' 403'))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { results: string[] }).results)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);

    // Nothing changed, read through the real API with the header token.
    const after = await callApi<{ fontSize: number }>(request, token, 'library:settings', {});
    expect(after.fontSize).toBe(before.fontSize);
    const sourcesAfter = (
      await callApi<{ sources: { path: string }[] }>(request, token, 'archive:sourcesPage', { limit: 1000 })
    ).sources;
    expect(sourcesAfter.map((s) => s.path)).toEqual(sourcesBefore.map((s) => s.path));
    expect(sourcesAfter.some((s) => s.path.startsWith(folder))).toBe(false);
  });
}

test('the app takes its token out of the address bar and keeps working after a reload', async ({
  page,
  appUrl,
  baseURL,
  token,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const calls: { url: string; token: string | null }[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/api/'))
      calls.push({ url: req.url(), token: req.headers()['x-yuelan-token'] ?? null });
  });
  await page.goto(appUrl('/'));
  const box = page.getByRole('combobox', { name: '搜索档案' });
  await expect(box).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
  await page.screenshot({ path: 'test-results/token-out-of-address-bar.png' });
  // Calls carry the token in the header; only the event stream has it in its URL.
  const posts = calls.filter((c) => c.url.includes('/api/call/'));
  expect(posts.length).toBeGreaterThan(0);
  for (const c of posts) {
    expect(c.url).not.toContain('token');
    expect(c.token).toBe(token);
  }
  expect(calls.filter((c) => c.url.includes('token=')).every((c) => c.url.includes('/api/events?'))).toBe(
    true,
  );

  await page.reload();
  await expect(box).toBeVisible();
  expect(page.url()).not.toContain('token');
  await box.fill('近邻党建');
  await expect(page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
