import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);

// Liveness for Kubernetes probes at /healthz; everything else says hello.
const server = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  response
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ service: '${{ values.name }}' }));
});

server.listen(port, () => {
  console.log(`${{ values.name }} listening on ${port}`);
});

process.on('SIGTERM', () => server.close());
