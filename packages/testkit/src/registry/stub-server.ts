/**
 * Misbehaving servers on loopback, for failure modes a real registry will not produce on
 * demand: a scriptable HTTP server (429s, dropped connections, redirects, huge bodies), a
 * server that accepts connections and never answers, one whose connections never complete,
 * and a port nobody listens on.
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
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

/**
 * Python listens with a backlog of 0 and never accepts; we fill the single queue slot, so the
 * kernel drops further SYNs and a client's connect hangs: the unreachable-host case, on
 * loopback. (Node cannot do this: libuv always accepts.) The listener exits when its stdin
 * closes, so it dies with the test process.
 */
const UNACCEPTING = [
  'import socket, sys',
  's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

export async function startUnacceptingServer(): Promise<{ host: string; stop(): Promise<void> }> {
  const child = spawn('python3', ['-c', UNACCEPTING], { stdio: ['pipe', 'pipe', 'inherit'] });
  const forget = onExit(() => child.kill('SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once('error', reject);
    child.once('exit', () => reject(new Error('python3 listener exited')));
  });
  const filler = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => filler.once('connect', resolve).once('error', reject));
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      filler.destroy();
      child.stdin.end();
      await exited;
      forget();
    },
  };
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
