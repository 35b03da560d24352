/**
 * A small HTTP/1.1 keep-alive client on raw sockets, cheaper per request than node:http's, so
 * that the load generator (one core) is not the bottleneck. One request at a time per
 * connection (no pipelining: real clients don't pipeline). Handles content-length and chunked
 * responses.
 */
import net from "node:net";

export interface Reply {
  status: number;
  body: string;
}

interface Pending {
  head: Buffer;
  resolve(r: Reply): void;
  reject(e: Error): void;
}

const CRLFCRLF = Buffer.from("\r\n\r\n");

class Connection {
  private socket: net.Socket | undefined;
  private buf: Buffer = Buffer.alloc(0);
  current: Pending | undefined;
  private readonly host: string;
  private readonly port: number;
  private readonly onIdle: (c: Connection) => void;

  constructor(host: string, port: number, onIdle: (c: Connection) => void) {
    this.host = host;
    this.port = port;
    this.onIdle = onIdle;
  }

  send(p: Pending): void {
    this.current = p;
    if (!this.socket || this.socket.destroyed) this.connect();
    (this.socket as net.Socket).write(p.head);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): void {
    const s = net.connect(this.port, this.host);
    s.setNoDelay(true);
    this.buf = Buffer.alloc(0);
    s.on("data", (d: Buffer) => this.onData(d));
    const fail = (e: Error) => {
      if (this.socket !== s) return;
      this.socket = undefined;
      const p = this.current;
      this.current = undefined;
      if (p) {
        p.reject(e);
        this.onIdle(this);
      }
    };
    s.on("error", fail);
    s.on("close", () => fail(new Error("connection closed")));
    this.socket = s;
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    const end = this.buf.indexOf(CRLFCRLF);
    if (end < 0) return;
    const head = this.buf.toString("latin1", 0, end);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const cl = lower.match(/\r\ncontent-length:\s*(\d+)/);
    let body: string;
    let consumed: number;
    if (cl) {
      const len = Number(cl[1]);
      if (this.buf.length < end + 4 + len) return;
      body = this.buf.toString("utf8", end + 4, end + 4 + len);
      consumed = end + 4 + len;
    } else if (lower.includes("\r\ntransfer-encoding: chunked")) {
      const parsed = dechunk(this.buf, end + 4);
      if (!parsed) return;
      body = parsed.body;
      consumed = parsed.end;
    } else {
      body = "";
      consumed = end + 4;
    }
    this.buf = this.buf.subarray(consumed);
    const p = this.current;
    this.current = undefined;
    const closeAfter = lower.includes("\r\nconnection: close");
    if (closeAfter) this.close();
    if (p) p.resolve({ status, body });
    this.onIdle(this);
  }
}

function dechunk(buf: Buffer, from: number): { body: string; end: number } | undefined {
  const parts: Buffer[] = [];
  let i = from;
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", i);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buf.toString("latin1", i, lineEnd), 16);
    if (size === 0) {
      if (buf.length < lineEnd + 4) return undefined;
      return { body: Buffer.concat(parts).toString("utf8"), end: lineEnd + 4 };
    }
    if (buf.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    i = lineEnd + 2 + size + 2;
  }
}

export class HttpPool {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];
  private readonly queue: Pending[] = [];
  private readonly host: string;
  private readonly port: number;
  private readonly max: number;

  constructor(url: string, maxConnections: number) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.max = maxConnections;
  }

  /** `headers` are extra header lines, e.g. "x-api-key: k\r\n". */
  request(method: string, path: string, headers = "", body?: string | Buffer): Promise<Reply> {
    const len = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.length;
    const headText = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n${headers}${body !== undefined ? `content-type: application/json\r\ncontent-length: ${len}\r\n` : method === "POST" ? "content-length: 0\r\n" : ""}\r\n`;
    const head = body === undefined ? Buffer.from(headText, "latin1") : Buffer.concat([Buffer.from(headText, "latin1"), typeof body === "string" ? Buffer.from(body) : body]);
    return new Promise<Reply>((resolve, reject) => {
      const p: Pending = { head, resolve, reject };
      const c = this.idle.pop() ?? (this.all.length < this.max ? this.create() : undefined);
      if (c) c.send(p);
      else this.queue.push(p);
    });
  }

  close(): void {
    for (const c of this.all) c.close();
  }

  private create(): Connection {
    const c = new Connection(this.host, this.port, (conn) => {
      const next = this.queue.shift();
      if (next) conn.send(next);
      else this.idle.push(conn);
    });
    this.all.push(c);
    return c;
  }
}
