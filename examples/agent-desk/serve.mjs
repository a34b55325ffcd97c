// A static file server for the agent desk, on the loopback interface only.
//   node examples/agent-desk/serve.mjs [port]    then open http://127.0.0.1:PORT/
// Serves the repository's files (the page under /, the package under /bindings/wasm/).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = 'examples/agent-desk/';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Starts the server; resolves to { url, close }. */
export function serve(port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const relative = path === '/' ? `${page}index.html` : path.startsWith('/bindings/wasm/')
      ? path.slice(1)
      : `${page}${path.slice(1)}`;
    const file = normalize(root + relative);
    if (!file.startsWith(root) || file.includes(`${sep}node_modules${sep}`) || !types[extname(file)]) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)], 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`agent desk: ${url}`);
}
