/**
 * An HTTP proxy in front of the test WebDAV server that can go wrong on purpose: after a number of
 * requests it answers 500 or 507, cuts the connection or never answers, until healed.
 */
import { createServer, request, type Server } from 'node:http';

export type Fault = 'ok' | 500 | 507 | 'cut' | 'hang';

export interface FaultProxy {
  url: string;
  /** Let `after` more requests through, then fail every one with `fault` (until the next call). */
  failAfter(after: number, fault: Fault): void;
  /** How many requests came through so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export async function faultProxy(upstream: string): Promise<FaultProxy> {
  const up = new URL(upstream);
  let fault: Fault = 'ok';
  let budget = Infinity;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    if (budget-- <= 0 && fault !== 'ok') {
      if (fault === 'cut') return req.socket.destroy();
      if (fault === 'hang') return req.resume();
      req.resume();
      res.writeHead(fault).end();
      return;
    }
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: up.host };
    // A MOVE names its destination by full address: the server checks it is its own.
    if (typeof headers.destination === 'string') {
      const dest = new URL(headers.destination);
      headers.destination = `${up.origin}${dest.pathname}`;
    }
    const forward = request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    failAfter(after, next) {
      budget = after;
      fault = next;
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
