/**
 * A PMTiles archive for the base map's tests (https://github.com/protomaps/PMTiles, spec
 * version 3), written here because the `pmtiles` library only reads: one PNG tile at zoom 0
 * (MapLibre over-zooms it), and a web server that answers byte ranges with CORS, as the
 * operator's own static server would.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

/** A 256 × 256 PNG of one colour. */
export function solidPng([r, g, b]: readonly [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const row = Buffer.alloc(1 + 256 * 3);
  for (let x = 0; x < 256; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Unsigned LEB128, as PMTiles directories write numbers. */
function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
  out.push(n);
  return out;
}

/** A PMTiles v3 archive holding `png` as its only tile (z0), uncompressed directories. */
export function pmtilesArchive(png: Buffer): Buffer {
  const HEADER = 127;
  // One entry: tile id 0, run length 1, the tile's length, offset 0 (written as offset + 1).
  const directory = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(png.length), ...varint(1)]);
  const metadata = Buffer.from('{}');
  const h = Buffer.alloc(HEADER);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  const dirAt = HEADER;
  const metaAt = dirAt + directory.length;
  const tilesAt = metaAt + metadata.length;
  u64(8, dirAt);
  u64(16, directory.length);
  u64(24, metaAt);
  u64(32, metadata.length);
  u64(40, tilesAt); // no leaf directories
  u64(48, 0);
  u64(56, tilesAt);
  u64(64, png.length);
  u64(72, 1); // addressed tiles
  u64(80, 1); // tile entries
  u64(88, 1); // tile contents
  h.writeUInt8(1, 96); // clustered
  h.writeUInt8(1, 97); // internal compression: none
  h.writeUInt8(1, 98); // tile compression: none
  h.writeUInt8(2, 99); // tile type: PNG
  h.writeUInt8(0, 100); // min zoom
  h.writeUInt8(0, 101); // max zoom
  h.writeInt32LE(-180e7, 102);
  h.writeInt32LE(-85e7, 106);
  h.writeInt32LE(180e7, 110);
  h.writeInt32LE(85e7, 114);
  return Buffer.concat([h, directory, metadata, png]);
}

/** A server of one file that answers `Range: bytes=a-b` with 206, from any origin. */
export async function serveRanges(body: Buffer, path: string): Promise<{ url: string; ranges: string[]; close: () => Promise<void> }> {
  const ranges: string[] = [];
  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'range');
    res.setHeader('access-control-expose-headers', 'content-range, content-length, etag');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.url !== path) return void res.writeHead(404).end();
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!m) return void res.writeHead(200, { 'content-length': body.length }).end(body);
    ranges.push(req.headers.range!);
    const from = Number(m[1]);
    const to = Math.min(Number(m[2]), body.length - 1);
    res.writeHead(206, { 'content-range': `bytes ${from}-${to}/${body.length}`, 'content-length': to - from + 1 }).end(body.subarray(from, to + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, ranges, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
