import fc from 'fast-check';
import { ndjsonLines, OVERLONG_LINE } from './ndjson-lines';

async function collect(chunks: (string | Buffer)[], max = 20): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const batch of ndjsonLines((async function* () { yield* chunks; })(), max)) lines.push(...batch);
  return lines;
}

describe('ndjsonLines', () => {
  it('splits on LF and CRLF, across chunk boundaries, with or without a final newline', async () => {
    expect(await collect(['{"a":1}\r\n{"b"', ':2}\n', '\n{"c":3}'])).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const bytes = Buffer.from('"zomer ☀"\n');
    expect(await collect([bytes.subarray(0, 8), bytes.subarray(8)])).toEqual(['"zomer ☀"']);
  });

  it('skips an overlong line without holding it, and keeps counting lines after it', async () => {
    expect(await collect(['short\n', 'x'.repeat(15), 'x'.repeat(15), 'x'.repeat(100), 'tail\nnext\n'])).toEqual(['short', OVERLONG_LINE, 'next']);
    expect(await collect(['x'.repeat(30)])).toEqual([OVERLONG_LINE]);
  });

  it('yields the same lines however the body is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 12 }).filter((line) => !line.includes('\n') && !line.includes('\r')), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), async (lines, cuts) => {
        const body = lines.join('\n');
        const points = [...new Set(cuts.map((cut) => cut % (body.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, body.length].slice(1).map((end, index, ends) => body.slice(index === 0 ? 0 : ends[index - 1], end));
        // A final newline ends the last line; it does not start an empty one.
        const expected = body === '' ? [] : body.endsWith('\n') ? lines.slice(0, -1) : lines;
        expect(await collect(chunks, 1000)).toEqual(expected);
      }),
    );
  });
});
