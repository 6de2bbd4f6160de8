import { BadUserInputError } from '../../../common/errors/domain-errors';
import { htmlGuards } from '../html/html-guard';
import { TokenTemplate } from './liquid-sandbox';

const scope = (customer: Record<string, unknown>) => ({ customer, now: new Date('2027-07-05T10:00:00Z') });

describe('personalisation tokens', () => {
  it('fills customer attributes and defaults', () => {
    const warnings: string[] = [];
    expect(TokenTemplate.plain('Hoi {{ customer.firstName | default: "klant" }}', 'f').render(scope({}), warnings)).toBe('Hoi klant');
    expect(TokenTemplate.plain('Hoi {{ customer.firstName }}', 'f').render(scope({ firstName: 'Sanne' }), warnings)).toBe('Hoi Sanne');
    expect(warnings).toEqual([]);
  });

  it('prints nothing for missing or null values, never "undefined" or "null", and warns', () => {
    const warnings: string[] = [];
    const template = TokenTemplate.plain('[{{ customer.firstName }}][{{ customer.address.city }}]', 'f');
    expect(template.render(scope({ firstName: null }), warnings)).toBe('[][]');
    expect(warnings).toEqual([
      'customer.firstName is missing; it was left empty (add | default: "…" to the token)',
      'customer.address.city is missing; it was left empty (add | default: "…" to the token)',
    ]);
  });

  it('escapes values in HTML', () => {
    expect(TokenTemplate.html('<p>{{ customer.firstName }}</p>', 'f', htmlGuards.fragment).render(scope({ firstName: '<script>x</script>' }), [])).toBe('<p>&lt;script&gt;x&lt;/script&gt;</p>');
  });

  it.each([
    ["{% include 'secrets' %}", /include/],
    ["{% render '/etc/passwd' %}", /render/],
    ["{% layout 'x' %}", /layout/],
    ['{{ customer.firstName ', /cannot be read/],
  ])('refuses %s when the text is saved', (source, message) => {
    expect(() => TokenTemplate.plain(source, 'input.fields.body')).toThrow(BadUserInputError);
    expect(() => TokenTemplate.plain(source, 'input.fields.body')).toThrow(message);
  });

  it('stops a runaway loop instead of hanging the hub', () => {
    const template = TokenTemplate.plain('{% for i in (1..100000000) %}{{ i }}{% endfor %}', 'f');
    expect(() => template.render(scope({}), [])).toThrow(/could not be filled/);
  });

  it('renders once more when a pause of the process, not the template, ran past the time limit', () => {
    let pauses = 1;
    const customer = {
      get firstName() {
        // Stands for a garbage-collection pause or a stalled machine during the first render.
        const until = Date.now() + 150;
        while (pauses > 0 && Date.now() < until);
        pauses -= 1;
        return 'Sanne';
      },
    };
    // Liquid looks at the clock before each part of the text: here before the "!".
    expect(TokenTemplate.plain('Hoi {{ customer.firstName | default: "klant" }}!', 'f').render(scope(customer), [])).toBe('Hoi Sanne!');
    expect(pauses).toBe(-1);
  });

  it('reads only own properties of the data it is given', () => {
    expect(TokenTemplate.plain('{{ customer.constructor }}{{ customer.__proto__ }}', 'f').render(scope({}), [])).toBe('');
  });
});
