// The machine's floor: a bare `node:http` server that answers every request with an answer the
// shop gave to the same endpoint (status, content type, body bytes), read from the file named
// on the command line. No framework, no cache lookup, no log, no store: what the gateway's
// cached answer costs when nothing but the HTTP server runs. Loopback only; it prints
// `listening <port>` and stops when its parent closes stdin.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const answers = new Map(
  JSON.parse(readFileSync(process.argv[2], 'utf8')).map((a) => [
    a.name,
    { status: a.status, contentType: a.contentType, body: Buffer.from(a.body, 'base64') },
  ]),
);
const fallback = answers.values().next().value;
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const answer = answers.get(req.headers['x-bench-endpoint']) ?? fallback;
  res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
