import fc from 'fast-check';
import { linkSchemes, safeLinkUrl } from './safe-url';

describe('safeLinkUrl', () => {
  it.each(['https://example.com/zomer', 'http://example.com', 'mailto:klant@example.com', 'tel:+31201234567'])('keeps %s', (url) => {
    expect(safeLinkUrl(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0001script:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\u200bscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example.com',
    '/relative/path',
    'app://zomer',
  ])('refuses %j', (url) => {
    expect(safeLinkUrl(url)).toBeNull();
  });

  it('strips the control characters it ignores, so what is checked is what is emitted', () => {
    expect(safeLinkUrl('https://exa\tmple.com/\nzomer')).toBe('https://example.com/zomer');
  });

  it('accepts configured app schemes for deep links', () => {
    expect(safeLinkUrl('app://zomer', linkSchemes(['app']))).toBe('app://zomer');
    expect(safeLinkUrl('javascript:alert(1)', linkSchemes(['app']))).toBeNull();
  });

  it('never returns a URL whose scheme, read as a browser reads it, is outside the allow-list', () => {
    const noise = fc.constantFrom('', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\u007f', '\u200b', '\ufeff', ' ');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...'javascript'), noise), { minLength: 10, maxLength: 10 }), fc.string(), (letters, rest) => {
        const url = `${letters.map(([letter, extra]) => letter + extra).join('')}:${rest}`;
        const result = safeLinkUrl(url);
        expect(result === null || /^(https?|mailto|tel):/i.test(result)).toBe(true);
      }),
    );
  });
});
