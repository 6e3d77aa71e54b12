// Writes public/icon-192.png and icon-512.png: the icon.svg mark (a blue square, a white "L" and
// "M") rasterised without any image tool. Run by hand when the mark changes: node build/icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
};

// the mark on a 64-unit grid: white where a shape covers the point
const white = (x, y) =>
  (x >= 14 && x < 20 && y >= 20 && y < 44) || (x >= 14 && x < 32 && y >= 39 && y < 44) || // L
  (y >= 20 && y < 44 && ((x >= 34 && x < 40) || (x >= 52 && x < 58))) ||                    // M sides
  (y >= 20 && y < 36 && Math.abs(x - 46 - 0) < 3 + (36 - y) * 0.35 && Math.abs(x - 46) > (36 - y) * 0.35 - 3);

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * 64 / size, y = (py + 0.5) * 64 / size;
      const rgb = white(x, y) ? [255, 255, 255] : [0x1f, 0x4e, 0x79];
      row.set([...rgb, 255], 1 + px * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [192, 512]) writeFileSync(`public/icon-${size}.png`, png(size));
