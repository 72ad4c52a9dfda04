import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';

/**
 * The cold-start baseline: the least a process must do before it can answer a health check on
 * the embedded database — open PGlite (creating it when the folder is empty), run one query and
 * listen. Spawned by the cold-start benchmark through the same tsx loader the platform uses.
 */
const dataDir = process.env.BASELINE_DATA_DIR;
const port = Number(process.env.PORT);
if (!dataDir || !port) {
  console.error('BASELINE_DATA_DIR and PORT are required');
  process.exit(2);
}

const db = await PGlite.create(dataDir);
await db.query('select 1');

const server = http.createServer((request, response) => {
  if (request.url === '/api/health') {
    void db.query('select 1').then(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', db: 'pglite' }));
    });
    return;
  }
  response.writeHead(404).end();
});
server.listen(port, '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
