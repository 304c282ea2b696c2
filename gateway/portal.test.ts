/** The portal's static files and its history-API fallback, beside routes that stay the API's. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { portalRouter } from './portal.js';

describe('portalRouter', () => {
  let dir: string;
  let server: http.Server;
  let base: string;
  const get = (url: string, accept = 'text/html') => fetch(`${base}${url}`, { headers: { accept } });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'portal-dist-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const app = express();
    app.use(portalRouter(dir));
    app.use((_req, res) => { res.status(404).json({ error: 'not the portal' }); });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, and the built assets', async () => {
    for (const url of ['/', '/matters/123', '/settings']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>portal</title>');
    }
    const asset = await get('/assets/app.js', '*/*');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/missing.js', '*/*')).status).toBe(404);
  });

  it('leaves the API paths and non-HTML requests alone', async () => {
    for (const url of ['/graphql', '/auth/login', '/healthz', '/documents/1/download', '/chat']) {
      expect(await (await get(url)).json()).toEqual({ error: 'not the portal' });
    }
    expect((await get('/matters/1', 'application/json')).status).toBe(404);
  });

  it('says how to build the portal when it is not built', async () => {
    const app = express().use(portalRouter(path.join(dir, 'nowhere')));
    const bare = http.createServer(app);
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, { headers: { accept: 'text/html' } });
    await new Promise((resolve) => bare.close(resolve));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/npm run build:portal/);
  });
});
