/**
 * Misbehaving servers on loopback, for failure modes a real registry will not produce on
 * demand: a scriptable HTTP server (429s, dropped connections, redirects, huge bodies), a
 * server that accepts connections and never answers, and a port nobody listens on.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { onExit } from './cleanup.js';
import { freePort } from './ports.js';

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface StubServer {
  /** `127.0.0.1:PORT`. */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Requests received, in order. */
  requests: StubRequest[];
  /** Connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

export type StubHandler = (req: IncomingMessage, res: ServerResponse, index: number) => void;

export async function startStubServer(handler: StubHandler): Promise<StubServer> {
  const requests: StubRequest[] = [];
  const server = createHttpServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, requests.length - 1);
  });
  return track(server, requests);
}

/** Accepts TCP connections and never sends a byte: the hanging registry. */
export async function startSilentServer(): Promise<StubServer> {
  return track(createTcpServer(), []);
}

/** A loopback port with nothing listening (free right now; nothing of ours will bind it). */
export function unusedPort(): Promise<number> {
  return freePort();
}

async function track(server: Server, requests: StubRequest[]): Promise<StubServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const forget = onExit(() => server.close());
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => accepted,
    stop: () =>
      new Promise<void>((resolve) => {
        forget();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
