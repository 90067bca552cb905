import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { updateIndex } from '../../src/cli/update-index.ts';
import { readConfig } from '../../src/config.ts';
import { spawnCli, tempDir } from './tmp.ts';

const ROUTES = ['/api/search?q=%E5%8F%91%E5%B1%95&size=100', '/search?q=%E5%9F%8E%E5%B8%82%E6%9B%B4%E6%96%B0', '/docs/004_3c0b11c1ebd16181', '/api/docs/000_3b22d4aff9f0ab3b'];

describe('graceful shutdown', () => {
  it('on SIGTERM: requests already begun are answered in full, new connections are refused, exit 0', async () => {
    const index = tempDir('index');
    // Built beforehand, so the server starts on an index that is up to date with the seeds.
    await updateIndex(readConfig({ SEEDS_DIR: 'seeds', INDEX_DIR: index }), () => {});
    const child = spawnCli('start.ts', { INDEX_DIR: index, SEEDS_DIR: 'seeds', HOST: '127.0.0.1', PORT: '0' });
    const exit = once(child, 'exit') as Promise<[number | null, string | null]>;
    let out = '';
    child.stdout!.on('data', (b) => (out += b));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`server exited early: ${out}`)));
    });

    // Twenty responses begun and left unread, so they are still in flight when the signal comes.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new Promise<http.IncomingMessage>((resolve, reject) => {
          http.get({ host: '127.0.0.1', port, path: ROUTES[i % ROUTES.length], agent }, (res) => {
            res.pause();
            resolve(res);
          }).on('error', reject);
        }),
      ),
    );
    // Three requests whose headers are still arriving: the server has begun them, so it must wait.
    const partial = await Promise.all(
      ROUTES.slice(0, 3).map(async (path) => {
        const socket = net.connect(port, '127.0.0.1');
        await once(socket, 'connect');
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        const closed = once(socket, 'close').then(() => Buffer.concat(chunks).toString('utf8'));
        return { socket, closed };
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const refused = await new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, () => resolve('answered')).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    for (const p of partial) p.socket.end('Connection: close\r\n\r\n');
    for (const raw of await Promise.all(partial.map((p) => p.closed))) {
      expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const [head, body] = raw.split('\r\n\r\n');
      expect(Buffer.byteLength(body)).toBe(Number(/content-length: (\d+)/i.exec(head)![1]));
    }

    const bodies = await Promise.all(
      responses.map(async (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.resume();
        await once(res, 'end');
        return { status: res.statusCode, type: res.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8'), length: Number(res.headers['content-length'] ?? -1) };
      }),
    );
    for (const r of bodies) {
      expect(r.status).toBe(200);
      if (r.length >= 0) expect(Buffer.byteLength(r.body)).toBe(r.length);
      if (r.type.startsWith('application/json')) expect(() => JSON.parse(r.body)).not.toThrow();
      else expect(r.body.trimEnd()).toMatch(/<\/html>$/);
    }
    const [code] = await exit;
    expect(code).toBe(0);
    expect(out).toContain('SIGTERM: no new connections; finishing in-flight requests');
    agent.destroy();
  });
});
