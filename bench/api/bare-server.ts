/**
 * The ceiling for the API benchmark: a bare Node HTTPS server on the same
 * certificate answering the same bytes the reference answered (a pod, a
 * page of 100 pods, a created pod), and fanning a line out to every open
 * watch when a pod is posted to the watched namespace. No authentication,
 * no store: what Node's HTTPS alone costs. Prints its URL when it listens.
 *
 *   bare-server.ts CERT_PEM KEY_PEM ANSWERS_JSON
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const [certFile, keyFile, answersFile] = process.argv.slice(2);
const answers = JSON.parse(readFileSync(answersFile!, 'utf8')) as { get: string; list: string; post: string; watchNamespace: string };
const bytes = { get: Buffer.from(answers.get), list: Buffer.from(answers.list), post: Buffer.from(answers.post) };
const watches = new Set<ServerResponse>();

const reply = (res: ServerResponse, code: number, body: Buffer) => {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
};

const server = createServer({ cert: readFileSync(certFile!, 'utf8'), key: readFileSync(keyFile!, 'utf8') }, (req, res) => {
  const url = new URL(req.url ?? '/', 'https://bare');
  if (req.method === 'GET' && url.searchParams.get('watch')) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    watches.add(res);
    res.on('close', () => watches.delete(res));
    return;
  }
  if (req.method === 'GET') return reply(res, 200, url.searchParams.get('limit') ? bytes.list : bytes.get);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    reply(res, 201, bytes.post);
    if (url.pathname.includes(`/namespaces/${answers.watchNamespace}/`)) {
      const line = `{"type":"ADDED","object":${Buffer.concat(chunks).toString()}}\n`;
      for (const w of watches) w.write(line);
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`bare: listening at https://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
