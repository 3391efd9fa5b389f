// Compares two folders of screenshots pixel by pixel: `node scripts/compare-screenshots.mjs <before>
// <after> [diff-folder]`. Prints, for every PNG of <before>, how many pixels differ (pixelmatch with a
// colour threshold of 0, anti-aliasing counted as a difference), and writes a diff image per changed
// screenshot to diff-folder when given. Exits 1 if any screenshot differs, is missing, or changed size.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

const [before, after, diffDir] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node scripts/compare-screenshots.mjs <before> <after> [diff-folder]');
  process.exit(2);
}
if (diffDir) mkdirSync(diffDir, { recursive: true });

let failed = 0;
const names = readdirSync(before)
  .filter((name) => name.endsWith('.png'))
  .sort();
for (const name of names) {
  const afterPath = join(after, name);
  if (!existsSync(afterPath)) {
    console.log(`${name}: MISSING in ${after}`);
    failed++;
    continue;
  }
  const a = PNG.sync.read(readFileSync(join(before, name)));
  const b = PNG.sync.read(readFileSync(afterPath));
  if (a.width !== b.width || a.height !== b.height) {
    console.log(`${name}: SIZE ${a.width}x${a.height} -> ${b.width}x${b.height}`);
    failed++;
    continue;
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const count = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0, includeAA: true });
  console.log(`${name}: ${count === 0 ? 'identical' : `${count} pixels differ`}`);
  if (count > 0) {
    failed++;
    if (diffDir) writeFileSync(join(diffDir, name), PNG.sync.write(diff));
  }
}
for (const name of readdirSync(after).filter((n) => n.endsWith('.png') && !names.includes(n))) {
  console.log(`${name}: only in ${after}`);
}
console.log(`${names.length - failed} of ${names.length} identical`);
process.exit(failed > 0 ? 1 : 0);
