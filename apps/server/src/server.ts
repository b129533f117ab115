/** Listen: the app on an HTTP server, with 100-continue held back and a clean close. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { holdContinue } from './http/expect-continue.js';
import { createServices, type ServiceOptions, type Services } from './services.js';

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  services: Services;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: ServiceOptions = {}): Promise<RunningServer> {
  const services = await createServices(config, options);
  const app = buildApp(services);
  const server = createServer(app);
  holdContinue(server, app);
  // Uploads of gigabytes are slow; the request timeout must not cut them (Node's default is 5 min).
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    services,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
