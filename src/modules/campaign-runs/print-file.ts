/** Where one recipient's letter sits in a print file. */
export interface ManifestEntry {
  customerId: string | null;
  line: number;
  /** 1-based; always odd, so every letter starts on the front of a new sheet. */
  firstPage: number;
  pageCount: number;
}

/**
 * One print-ready PDF from the recipients' PDFs, in the order given: a letter with an odd number
 * of pages is followed by a blank page, so on a duplex printer each letter starts a new sheet.
 */
export async function buildPrintFile(letters: { customerId: string | null; line: number; pdf: Buffer }[]): Promise<{ pdf: Buffer; manifest: ManifestEntry[] }> {
  // pdf-lib is only needed by instances that merge print files: loaded then, not at start-up.
  const { PDFDocument } = await import('pdf-lib');
  const file = await PDFDocument.create();
  const manifest: ManifestEntry[] = [];
  for (const letter of letters) {
    const source = await PDFDocument.load(letter.pdf);
    const pages = await file.copyPages(source, source.getPageIndices());
    manifest.push({ customerId: letter.customerId, line: letter.line, firstPage: file.getPageCount() + 1, pageCount: pages.length });
    for (const page of pages) file.addPage(page);
    if (pages.length % 2 === 1) {
      const { width, height } = pages[pages.length - 1].getSize();
      file.addPage([width, height]);
    }
  }
  return { pdf: Buffer.from(await file.save()), manifest };
}
