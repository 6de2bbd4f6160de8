import { Parser } from 'htmlparser2';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { Tone } from '../personas/persona.types';
import { builtInRenderers } from './built-in-renderers';
import { RenderInput } from './channel-renderer';
import { DEFAULT_RENDERER_CONFIG } from './renderer-config';
import { LOOPWERK_BRAND } from './test-fixtures/test-brand';

/** Known XSS payloads (OWASP filter-evasion cheat sheet style), in markdown and raw HTML. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<img src=javascript:alert(&quot;XSS&quot;)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="jAvAsCrIpT:alert(1)">klik</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
  '<a href="java\tscript:alert(1)">klik</a>',
  '[klik](javascript:alert(1))',
  '[klik](JAVASCRIPT:alert(1))',
  '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>@import "http://xss.example/x.css";</style>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '"><script>alert(1)</script>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '{{ "<script>alert(1)</script>" | raw }}',
  "{{ '<img src=x onerror=alert(1)>' | raw }}",
  '{{ customer.firstName | raw }}',
  '{{ customer.lastName | raw | upcase }}',
  '{% raw %}<script>alert(1)</script>{% endraw %}',
  '{% assign x = "<svg onload=alert(1)>" %}{{ x | raw }}',
  '{% capture x %}<iframe src="javascript:alert(1)"></iframe>{% endcapture %}{{ x }}{{ x | raw }}',
];

/** Link targets a call to action may carry, as stored or as filled from a token. */
const HOSTILE_URLS = [
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\u0001script:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '{{ "javascript:alert(1)" | raw }}',
  '{{ customer.link }}',
  'java{{ customer.nothing }}script:alert(1)',
];

const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'svg', 'math', 'base', 'link', 'frame', 'frameset', 'applet']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'background', 'poster', 'srcdoc', 'data', 'xlink:href']);
const UNSAFE_URL = /^\s*(javascript|vbscript|data):/i;

/** What a browser would run: elements, event handlers, script URLs and CSS expressions, read by an HTML parser. */
function dangersIn(html: string): string[] {
  const found: string[] = [];
  let inStyleElement = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (FORBIDDEN_ELEMENTS.has(name)) found.push(`<${name}>`);
        if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh') found.push('<meta http-equiv=refresh>');
        if (name === 'style') inStyleElement = true;
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith('on')) found.push(`${name}[${attribute}]`);
          // eslint-disable-next-line no-control-regex -- a browser ignores control characters in a URL, so the check does too
          if (URL_ATTRIBUTES.has(attribute) && UNSAFE_URL.test(value.replace(/[\u0000-\u001f\s]/g, ''))) found.push(`${name}[${attribute}=${value}]`);
          if (attribute === 'style' && /expression\(|url\(\s*['"]?\s*(javascript|vbscript|data):/i.test(value)) found.push(`${name}[style=${value}]`);
        }
      },
      ontext(text) {
        if (inStyleElement && /@import|expression\(|javascript:/i.test(text)) found.push(`<style>${text}`);
      },
      onclosetag(name) {
        if (name === 'style') inStyleElement = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

const now = new Date('2027-07-05T10:00:00Z');
/** Every channel that emits HTML (declares an `html` part), so a new HTML channel is tested the day it is registered. */
const htmlRenderers = builtInRenderers().filter((renderer) => renderer.parts?.html !== undefined);

function input(payload: string): RenderInput {
  return {
    itemId: 'i',
    itemVersion: 1,
    locale: 'nl',
    roles: {
      headline: `Kop ${payload}`,
      summary: `Samenvatting ${payload}`,
      body: `Tekst ${payload}\n\n${payload}\n\n- ${payload}`,
      callToAction: { label: `Klik ${payload}`, url: 'https://example.com/zomer' },
      image: { url: 'https://example.com/a.jpg', alt: `alt ${payload}` },
      signOff: `Groet ${payload}`,
      legal: `Legal ${payload}`,
    },
    overrides: {},
    tone: Tone.INFORMAL,
    images: { email: 'https://hub/a/email' },
    config: DEFAULT_RENDERER_CONFIG,
    brand: LOOPWERK_BRAND,
  };
}

describe('no HTML a channel produces carries a script', () => {
  for (const renderer of htmlRenderers) {
    it.each(PAYLOADS)(`${renderer.key}: %s`, async (payload) => {
      let compiled;
      try {
        compiled = await renderer.compile(input(payload));
      } catch (error) {
        // The letter's PDF fills each formatted run on its own, so a block tag across runs is refused as bad input: nothing is sent.
        expect(error).toBeInstanceOf(BadUserInputError);
        expect(renderer.key).toBe('letter');
        return;
      }
      const output = await compiled.fill({ attributes: { firstName: payload, lastName: payload, address: { lines: [payload], city: payload } }, now });
      expect(dangersIn(String(output.parts.html))).toEqual([]);
    });
  }

  for (const renderer of htmlRenderers) {
    it.each(HOSTILE_URLS)(`${renderer.key}: a call to action to %j links nowhere unsafe`, async (url) => {
      const compiled = await renderer.compile({ ...input('x'), roles: { ...input('x').roles, callToAction: { label: 'Klik', url } } });
      const output = await compiled.fill({ attributes: { link: 'javascript:alert(1)' }, now });
      expect(dangersIn(String(output.parts.html))).toEqual([]);
    });
  }

  it('finds the danger in unsanitised HTML, so a pass means something', () => {
    expect(dangersIn('<p onclick="x()">a</p><a href=" jav&#x09;ascript:alert(1)">b</a><script>1</script>')).toEqual(['p[onclick]', 'a[href= jav\tascript:alert(1)]', '<script>']);
  });

  it('covers at least 25 payloads across every HTML channel', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(25);
    expect(htmlRenderers.map((renderer) => renderer.key)).toEqual(expect.arrayContaining(['email', 'letter']));
  });
});
