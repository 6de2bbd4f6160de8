import QRCode from 'qrcode';

/** The dark modules of a QR code for `text` (error correction M), row by row. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_row, y) => Array.from({ length: modules.size }, (_column, x) => modules.get(y, x) === 1));
}

/** Modules of white around the code, as scanners expect. */
export const QUIET_ZONE = 4;

/**
 * A QR code's modules (from qrModules) as plain HTML (a grid of cells), for the print HTML: no SVG and no data URL, which
 * the hub's HTML never carries.
 */
export function qrHtml(modules: boolean[][], sizeMm: number, label: string): string {
  const size = modules.length + 2 * QUIET_ZONE;
  const cells = Array.from({ length: size }, (_row, y) =>
    Array.from({ length: size }, (_column, x) => (modules[y - QUIET_ZONE]?.[x - QUIET_ZONE] ? '<i class="b"></i>' : '<i></i>')).join(''),
  ).join('');
  return `<div class="qr" role="img" aria-label="${label}" style="width:${sizeMm}mm;height:${sizeMm}mm;grid-template-columns:repeat(${size},1fr)">${cells}</div>`;
}
