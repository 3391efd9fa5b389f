// `npm run test:security`: electronegativity over the sources and the build output. Fails on any
// high or medium finding that docs/security.md does not explain (EXPLAINED below names the section).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EXPLAINED = {
  // Links open only for http(s) URLs and only after the user confirms: docs/security.md, "Links".
  OPEN_EXTERNAL_JS_CHECK: 'docs/security.md#links',
};
const ELECTRON = '45.5.0';

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows.slice(1).filter((r) => r.length > 3);
}

const dir = mkdtempSync(join(tmpdir(), 'yuelan-eneg-'));
let unexplained = 0;
let total = 0;
for (const input of ['src-main', 'out']) {
  const csv = join(dir, `${input}.csv`);
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/@doyensec/electronegativity/dist/index.js',
      '-i',
      input,
      '-r',
      '-v',
      'false',
      '-e',
      ELECTRON,
      '-o',
      csv,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`electronegativity failed on ${input}`);
  }
  for (const [check, severity, confidence, file, location] of parseCsv(readFileSync(csv, 'utf8'))) {
    total++;
    const serious = severity === 'HIGH' || severity === 'MEDIUM';
    const note = EXPLAINED[check];
    const verdict = !serious ? 'low' : note ? `explained in ${note}` : 'UNEXPLAINED';
    if (serious && !note) unexplained++;
    console.log(`${input}/${file}:${location}  ${check} ${severity}/${confidence}  ${verdict}`);
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`electronegativity: ${total} findings, ${unexplained} high or medium left unexplained`);
process.exit(unexplained ? 1 : 0);
