import { crc32, deflateSync } from 'node:zlib';

/** Dark modules of a QR code: `size` × `size`, row by row (qrcode's `create(text).modules`). */
export interface QrMatrix {
  size: number;
  get(row: number, col: number): number | boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A black-and-white PNG of the code, 1 bit per pixel, each module `scale` pixels square inside a quiet zone of
 * `margin` modules. Written here rather than through qrcode's PNG renderer, which paints every pixel as RGBA
 * through pngjs: ~30× the bytes to deflate for the same two colours.
 */
export function qrPng(matrix: QrMatrix, scale: number, margin: number): Buffer {
  const modules = matrix.size + 2 * margin;
  const width = modules * scale;
  const rowBytes = Math.ceil(width / 8);
  const raw = Buffer.alloc((rowBytes + 1) * width, 0);
  for (let y = 0; y < width; y++) {
    const start = y * (rowBytes + 1); // raw[start] = 0: filter type None
    const row = Math.floor(y / scale) - margin;
    for (let x = 0; x < width; x++) {
      const col = Math.floor(x / scale) - margin;
      const dark = row >= 0 && col >= 0 && row < matrix.size && col < matrix.size && Boolean(matrix.get(row, col));
      // Grayscale, 1 bit: 1 is white.
      if (!dark) raw[start + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
