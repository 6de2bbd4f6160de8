import jsQR from 'jsqr';
import { qrHtml, qrModules, QUIET_ZONE } from './qr-code';

/** The modules as an RGBA image, the way a phone's camera would see the printed code. */
function toImage(modules: boolean[][], scale = 4): { data: Uint8ClampedArray; size: number } {
  const size = (modules.length + 2 * QUIET_ZONE) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const offset = (((y + QUIET_ZONE) * scale + dy) * size + (x + QUIET_ZONE) * scale + dx) * 4;
          data[offset] = data[offset + 1] = data[offset + 2] = 0;
        }
      }
    }),
  );
  return { data, size };
}

describe('QR codes on letters', () => {
  it.each(['https://example.com/zomer', 'https://loopwerk.example/actie?utm_source=brief&klant=c-42#aanbod'])('encode %s so that a scanner reads it back', (url) => {
    const { data, size } = toImage(qrModules(url));
    expect(jsQR(data, size, size)?.data).toBe(url);
  });

  it('draws the same modules in print HTML, inside a quiet zone', () => {
    const url = 'https://example.com/zomer';
    const modules = qrModules(url);
    const html = qrHtml(modules, 25, 'QR code');
    const cells = [...html.matchAll(/<i( class="b")?><\/i>/g)].map((match) => match[1] !== undefined);
    const side = modules.length + 2 * QUIET_ZONE;
    expect(cells).toHaveLength(side * side);
    const inner = Array.from({ length: modules.length }, (_row, y) => cells.slice((y + QUIET_ZONE) * side + QUIET_ZONE, (y + QUIET_ZONE) * side + QUIET_ZONE + modules.length));
    expect(inner).toEqual(modules);
    expect(cells.slice(0, side * QUIET_ZONE).some(Boolean)).toBe(false);
  });
});
