import { Liquid, Template } from 'liquidjs';
import { BadUserInputError } from '../../../common/errors/domain-errors';

/**
 * Liquid for personalisation tokens, sandboxed: no file system (includes, renders and layouts are
 * refused when the text is parsed), only own properties, bounded parse size, render time and memory.
 */
function createSandbox(escapeOutput: boolean): Liquid {
  const liquid = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    dynamicPartials: false,
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
    parseLimit: 200_000,
    renderLimit: 100,
    memoryLimit: 20_000_000,
    outputEscape: escapeOutput ? 'escape' : undefined,
    fs: {
      exists: async () => false,
      existsSync: () => false,
      readFile: async () => refuseFiles(),
      readFileSync: () => refuseFiles(),
      resolve: () => refuseFiles(),
    },
  });
  // `| raw` would skip the escaping of customer data in HTML; here it is a no-op, so escaping stays.
  if (escapeOutput) liquid.registerFilter('raw', (value: unknown) => value);
  for (const tag of ['include', 'render', 'layout']) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available in content`);
      },
      render() {
        return '';
      },
    });
  }
  return liquid;
}

function refuseFiles(): never {
  throw new Error('content cannot read files');
}

const plain = createSandbox(false);
const html = createSandbox(true);
/** Outputs of customer data: the only values that can be missing at send time. */
const CUSTOMER_TOKEN = /\{\{-?\s*(customer(?:\.[A-Za-z_][\w]*)+)([^}]*)-?\}\}/g;
const RAW_BLOCK = /\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g;
const RENDER_LIMIT = /render limit exceeded/;
const TOKEN_MARKER = /\{[{%]/g;
/** Heap bytes of a parsed template's own objects, and of each token or tag in it (measured with liquidjs 10). */
const PARSED_TEMPLATE_BYTES = 600;
const PARSED_TOKEN_BYTES = 1_200;

/** The recipient's data as templates see it: `customer.*`, plus `now`. */
export interface TokenScope {
  customer: Record<string, unknown>;
  now: Date;
  /** Values a renderer adds itself, such as the salutation. */
  [name: string]: unknown;
}

/** A text whose tokens were parsed once; `render` only fills them. Static text costs nothing. */
export class TokenTemplate {
  private readonly parsed: Template[] | null;
  /** Token paths used without a `default`, checked at render time to warn about missing data. */
  private readonly required: string[][];
  /** A text without tokens, guarded once: the same for every recipient. */
  private readonly staticOutput: string = '';
  /** Roughly the heap bytes this template keeps: its text, and its parsed tokens. */
  readonly approximateBytes: number;

  private constructor(
    source: string,
    private readonly liquid: Liquid,
    field: string,
    private readonly guard: (output: string) => string = (output) => output,
  ) {
    const tokens = source.match(TOKEN_MARKER)?.length ?? 0;
    if (tokens === 0) {
      this.parsed = null;
      this.required = [];
      this.staticOutput = guard(source);
      this.approximateBytes = 2 * this.staticOutput.length;
      return;
    }
    this.approximateBytes = 2 * source.length + PARSED_TEMPLATE_BYTES + PARSED_TOKEN_BYTES * tokens;
    try {
      this.parsed = liquid.parse(source);
    } catch (error) {
      throw new BadUserInputError(`${field} has a personalisation token that cannot be read: ${(error as Error).message.split('\n')[0]}`, field);
    }
    this.required = [...source.replace(RAW_BLOCK, '').matchAll(CUSTOMER_TOKEN)].filter((match) => !/\|\s*default\b/.test(match[2])).map((match) => match[1].split('.'));
  }

  static plain(source: string, field: string): TokenTemplate {
    return new TokenTemplate(source, plain, field);
  }

  /**
   * For HTML: values are HTML-escaped, since customer attributes are untrusted, and `guard`
   * checks the filled output once more (text stays text, a fragment is sanitised, a URL keeps an
   * allowed scheme): whatever a token does, the HTML that leaves the hub is safe.
   */
  static html(source: string, field: string, guard: (output: string) => string): TokenTemplate {
    return new TokenTemplate(source, html, field, guard);
  }

  render(scope: TokenScope, warnings: string[]): string {
    if (!this.parsed) return this.staticOutput;
    for (const path of this.required) {
      if (isMissing(scope, path)) {
        const message = `${path.join('.')} is missing; it was left empty (add | default: "…" to the token)`;
        if (!warnings.includes(message)) warnings.push(message);
      }
    }
    try {
      return this.guard(this.fill(this.parsed, scope));
    } catch (error) {
      throw new BadUserInputError(`A personalisation token could not be filled: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  /**
   * Liquid's render limit is wall-clock time, and a pause of the whole process (garbage
   * collection, a busy machine) is not the template's doing: a render cut off by it runs once
   * more. A template that really runs away is cut off again.
   */
  private fill(parsed: Template[], scope: TokenScope): string {
    try {
      return this.liquid.renderSync(parsed, scope) as string;
    } catch (error) {
      if (!RENDER_LIMIT.test((error as Error).message)) throw error;
      return this.liquid.renderSync(parsed, scope) as string;
    }
  }
}

/** The names a token can read: the customer's attributes, the moment of sending, and the salutation email adds. */
export const TOKEN_GLOBALS = ['customer', 'now', 'salutation'] as const;

/**
 * Parses a text once at save time, so a broken token is the editor's error, not a failed send:
 * syntax and filters (liquidjs names the line and column), and every name the tokens read.
 */
export function checkTokens(source: string, field: string): void {
  if (!/\{[{%]/.test(source)) return;
  TokenTemplate.plain(source, field);
  const unknown = plain.globalVariableSegmentsSync(source).map((segments) => String(segments[0])).find((root) => !(TOKEN_GLOBALS as readonly string[]).includes(root));
  if (unknown !== undefined) {
    throw new BadUserInputError(`${field} has a personalisation token that reads "${unknown}", which content cannot read; tokens read ${TOKEN_GLOBALS.join(', ')} (e.g. {{ customer.firstName }})`, field);
  }
}

function isMissing(scope: TokenScope, path: string[]): boolean {
  let current: unknown = scope;
  for (const part of path) {
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, part)) return true;
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined || current === null || current === '';
}

/**
 * Markdown, HTML escaping and MJML would mangle Liquid syntax, so tokens are swapped for inert
 * markers (letters and digits only) before those run, and put back into the finished output.
 */
export class TokenVault {
  private readonly tokens: string[] = [];

  protect(source: string): string {
    return source.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (token) => {
      this.tokens.push(token);
      return `LQTOKEN${this.tokens.length - 1}X`;
    });
  }

  restore(output: string): string {
    return output.replace(/LQTOKEN(\d+)X/g, (_marker, index: string) => this.tokens[Number(index)] ?? '');
  }
}
