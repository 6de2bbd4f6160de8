import { CalendarItem, daysBetween, planCalendar } from './calendar-plan';

function item(overrides: Partial<CalendarItem> & { itemId: string }): CalendarItem {
  return { slug: overrides.itemId, theme: 'zomer', locale: 'nl', channels: ['email', 'sms'], personaTags: [], status: 'PUBLISHED', priority: 0, start: null, end: null, scheduled: false, ...overrides };
}

const from = new Date('2027-06-07T00:00:00Z');
const to = new Date('2027-06-14T00:00:00Z');

describe('the content calendar', () => {
  it('has one UTC day per date in [from, to), partial days included', () => {
    expect(daysBetween(from, to)).toEqual(['2027-06-07', '2027-06-08', '2027-06-09', '2027-06-10', '2027-06-11', '2027-06-12', '2027-06-13']);
    expect(daysBetween(new Date('2027-06-07T22:00:00Z'), new Date('2027-06-08T00:00:01Z'))).toEqual(['2027-06-07', '2027-06-08']);
    expect(daysBetween(to, from)).toEqual([]);
  });

  it('places a message on every day of its window, the end exclusive', () => {
    const days = planCalendar(from, to, [item({ itemId: 'a', start: new Date('2027-06-08T09:00:00Z'), end: new Date('2027-06-10T00:00:00Z'), scheduled: true, status: 'DRAFT' })], []);
    expect(days.filter((day) => day.entries.length > 0).map((day) => day.day)).toEqual(['2027-06-08', '2027-06-09']);
    expect(days[1].entries[0]).toEqual({ itemId: 'a', slug: 'a', theme: 'zomer', locale: 'nl', channels: ['email', 'sms'], personaTags: [], status: 'DRAFT', priority: 0, scheduled: true });
  });

  it('flags messages that compete for the same persona, channel and locale with equal priority, and no others', () => {
    const days = planCalendar(from, new Date('2027-06-08T00:00:00Z'), [
      item({ itemId: 'b', personaTags: ['sporter'], channels: ['sms'] }),
      item({ itemId: 'a', personaTags: ['sporter', 'lezer'], channels: ['sms', 'email'] }),
      item({ itemId: 'c', personaTags: ['sporter'], channels: ['sms'], priority: 5 }),
      item({ itemId: 'd', personaTags: ['sporter'], channels: ['sms'], locale: 'en' }),
    ], []);
    expect(days[0].conflicts).toEqual([{ day: '2027-06-07', reason: expect.stringMatching(/^2 messages compete for persona sporter on sms \(nl\) with equal priority 0/), itemIds: ['a', 'b'] }]);
  });

  it('flags a channel a targeted persona prefers that the theme leaves empty for its whole run', () => {
    const personas = [
      { key: 'sporter', channelPreferences: ['sms', 'inApp'] },
      { key: 'lezer', channelPreferences: ['letter'] },
    ];
    const days = planCalendar(from, to, [
      item({ itemId: 'a', personaTags: ['sporter'], channels: ['sms'], start: new Date('2027-06-09T00:00:00Z'), end: new Date('2027-06-11T00:00:00Z') }),
      item({ itemId: 'b', personaTags: [], channels: ['email'], theme: 'winter' }),
    ], personas);
    const gaps = days.flatMap((day) => day.conflicts);
    expect(gaps).toEqual([{ day: '2027-06-09', reason: 'Persona sporter prefers inApp, but theme zomer has nothing on inApp for them from 2027-06-09 to 2027-06-10', itemIds: ['a'] }]);
  });

  it('places a campaign run on the day of the moment it selects for', () => {
    const run = { runId: 'r', name: 'mailing', channel: 'email', state: 'FINISHED', itemId: 'a', total: 10, runAt: new Date('2027-06-09T23:59:59Z') };
    const days = planCalendar(from, to, [], [], [run]);
    expect(days.filter((day) => day.runs.length > 0).map((day) => day.day)).toEqual(['2027-06-09']);
  });

  it('counts a message for every customer as reaching each persona on its channels', () => {
    const personas = [{ key: 'sporter', channelPreferences: ['sms', 'email'] }];
    const days = planCalendar(from, to, [item({ itemId: 'a', personaTags: ['sporter'], channels: ['sms'] }), item({ itemId: 'b', channels: ['email'], priority: 1 })], personas);
    expect(days.flatMap((day) => day.conflicts)).toEqual([]);
  });
});
