import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Addresses a model endpoint may not resolve to unless the program office allowed that endpoint. */
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why no request may go to an endpoint, in English (logs, the CLI) and in Korean (the office's page). */
export class OutboundRefused extends Error {
  constructor(
    message: string,
    readonly ko: string,
  ) {
    super(message);
  }
}

/** A model endpoint with its address resolved once; every request goes to that address. */
export interface OutboundTarget {
  origin: string;
  hostname: string;
  address: string;
  family: 4 | 6;
}

export interface OutboundPolicy {
  /** loopback, private and link-local addresses: only for endpoints the office allowed them for */
  allowPrivate: boolean;
}

/**
 * Resolves an endpoint's host once and pins the address (a DNS answer that changes between the
 * check and the request cannot redirect it inside). Refuses non-http(s) URLs, credentials in URLs,
 * and internal addresses unless the policy allows them.
 */
export async function resolveOutbound(endpoint: string, policy: OutboundPolicy): Promise<OutboundTarget> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new OutboundRefused('the endpoint is not a URL', '주소가 URL 형식이 아닙니다');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundRefused('the endpoint must be http(s)', '주소는 http 또는 https로 시작해야 합니다');
  if (url.username || url.password) throw new OutboundRefused('the endpoint URL must not carry credentials', '주소에 아이디나 비밀번호를 넣을 수 없습니다');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let address: string;
  let family: 4 | 6;
  if (isIP(hostname)) {
    address = hostname;
    family = isIP(hostname) as 4 | 6;
  } else {
    const found = await lookup(hostname, { all: true }).catch(() => []);
    if (found.length === 0) throw new OutboundRefused(`${hostname} does not resolve`, `주소를 찾을 수 없습니다(${hostname})`);
    // every address must pass: a name with one public and one internal address is refused
    if (!policy.allowPrivate && found.some((a) => isInternalAddress(a.address)))
      throw new OutboundRefused(`${hostname} resolves to an internal address`, `내부망 주소로 연결되는 이름입니다(${hostname})`);
    address = found[0]!.address;
    family = found[0]!.family as 4 | 6;
  }
  if (!policy.allowPrivate && isInternalAddress(address))
    throw new OutboundRefused(
      `${hostname} is an internal address; the program office must allow it for this endpoint`,
      `내부망 주소입니다(${hostname}). 사업 운영 기관이 이 엔드포인트에 내부망 접속을 허용해야 합니다`,
    );
  return { origin: url.origin, hostname: url.hostname, address, family };
}

export interface OutboundResponse {
  status: number;
  text: string;
  retryAfter: string | null;
}

/** Answers above this size are refused (a model answer is a few KB). */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** POSTs JSON to a URL of the pinned target, connecting to the pinned address only (no redirects followed). */
export function postPinned(target: OutboundTarget, url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<OutboundResponse> {
  const u = new URL(url);
  if (u.origin !== target.origin)
    return Promise.reject(new OutboundRefused('the request leaves the registered endpoint', '요청이 등록된 엔드포인트를 벗어납니다'));
  const payload = JSON.stringify(body);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
        // the pinned address, whatever DNS says now; TLS still checks the certificate for the host name
        lookup: (_host, opts, cb) => {
          if ((opts as { all?: boolean }).all)
            (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
          else cb(null, target.address, target.family);
        },
        timeout: timeoutMs,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES)
            return req.destroy(
              new OutboundRefused(`the answer is larger than ${MAX_RESPONSE_BYTES} bytes`, `답변이 ${MAX_RESPONSE_BYTES / 1024 / 1024} MB보다 큽니다`),
            );
          chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.end(payload);
  });
}
