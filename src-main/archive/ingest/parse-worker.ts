/**
 * The parse worker's entry: decodes and parses one file's bytes per message, off the thread that
 * answers the app's requests. It holds no state between files; a file that makes it run out of its
 * memory ceiling or time kills only this worker (see parse-pool.ts), never the app.
 */
import { parentPort } from 'node:worker_threads';
import { decodeBytes } from './decode.js';
import { parsePage } from './parse-page.js';
import type { ParseRequest, ParseResponse, ParseOutcome } from './parse-pool.js';

function parseBytes(bytes: Uint8Array): ParseOutcome {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const parsed = parsePage(decoded.text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, encoding: decoded.encoding };
  return { ok: true, encoding: decoded.encoding, page: parsed.page };
}

parentPort?.on('message', (request: ParseRequest) => {
  const response: ParseResponse = { id: request.id, outcome: parseBytes(request.bytes) };
  parentPort!.postMessage(response);
});
// Loaded: a job's time limit counts from here, not from the worker's start-up.
parentPort?.postMessage('ready');
