// The benchmark's client: one keep-alive connection per server, one request at a time, timed from
// sending the request to the last byte of the body (the JSON is parsed after the clock stops).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Example: `await getJson(3000, '/api/search?q=%E5%8F%91%E5%B1%95')` → `{ ms: 4.2, status: 200, body: { total: 2754, … } }`. */
export function getJson(port: number, path: string): Promise<{ ms: number; status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ ms, status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          reject(new Error(`GET ${path} on port ${port}: ${res.statusCode}, not JSON: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    // A server that stops answering fails the run instead of hanging it.
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${path} on port ${port}: no answer within 120 s`)));
    // A kept-alive socket the server closed while idle (its keep-alive timeout passed during a long
    // step) fails on reuse: the request never reached the server, so it is sent again (Node's
    // documented pattern), on a fresh socket, and only that attempt is timed.
    req.on('error', (error: NodeJS.ErrnoException) => (req.reusedSocket && error.code === 'ECONNRESET' ? getJson(port, path).then(resolve, reject) : reject(error)));
  });
}

/** Closes the kept-alive connections, so the benchmark process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
