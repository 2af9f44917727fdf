import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import * as QRCode from 'qrcode';
import { qrPng } from './qr-png';

describe('qrPng', () => {
  it('writes a 1-bit PNG that a QR reader decodes to the text, with the quiet zone white', () => {
    const text = 'https://cx.example.com/t/store-exit?w=default';
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const png = qrPng(modules, 4, 4);
    const image = PNG.sync.read(png);
    expect(image.width).toBe((modules.size + 8) * 4);
    expect(image.height).toBe(image.width);
    expect(png.readUInt8(24)).toBe(1); // bit depth
    expect(png.readUInt8(25)).toBe(0); // grayscale
    expect(Array.from(image.data.subarray(0, 4))).toEqual([255, 255, 255, 255]); // a corner of the quiet zone
    // The top-left finder pattern starts dark right after the quiet zone.
    const at = (x: number, y: number) => image.data[(y * image.width + x) * 4];
    expect(at(16, 16)).toBe(0);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(text);
  });
});
