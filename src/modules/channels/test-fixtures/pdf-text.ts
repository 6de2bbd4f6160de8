import { execFileSync } from 'node:child_process';

/**
 * The text a PDF viewer would extract (pdf.js through pdf-parse). pdf.js loads its worker with a
 * dynamic import that jest's module system refuses, so it runs in a plain Node process.
 */
export function pdfText(pdf: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      process.stdout.write((await parser.getText()).text);
      await parser.destroy();
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: pdf, cwd: __dirname, encoding: 'utf8' });
}
