/** A message as the calendar places it: when it is (or will be) live, for whom and where. */
export interface CalendarItem {
  itemId: string;
  slug: string;
  theme: string | null;
  locale: string;
  /** The channels it may go out on (an item that names none goes out on every channel). */
  channels: string[];
  /** Personas it targets; empty: every customer. */
  personaTags: string[];
  status: string;
  priority: number;
  /** Live from (inclusive); null: since before the calendar's start. */
  start: Date | null;
  /** Live until (exclusive); null: open-ended. */
  end: Date | null;
  /** On the calendar because of a scheduled publish that has not happened yet. */
  scheduled: boolean;
}

export interface CalendarPersona {
  key: string;
  channelPreferences: string[];
}

export type CalendarEntry = Omit<CalendarItem, 'start' | 'end'>;

export interface CalendarConflict {
  day: string;
  reason: string;
  itemIds: string[];
}

/** A campaign run, placed on the day of the moment it selects for. */
export interface CalendarRun {
  runId: string;
  name: string;
  channel: string;
  state: string;
  itemId: string | null;
  total: number;
  runAt: Date;
}

export interface CalendarDay {
  /** The UTC date, YYYY-MM-DD. */
  day: string;
  entries: CalendarEntry[];
  runs: CalendarRun[];
  conflicts: CalendarConflict[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days from the one holding `from` to the one holding the last instant before `to`. */
export function daysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let day = Math.floor(from.getTime() / DAY_MS) * DAY_MS; day < to.getTime(); day += DAY_MS) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/**
 * Per day, what is live or scheduled, and what an editor should look at: messages competing for
 * the same persona, channel and locale with equal priority (delivery can only pick one), and a
 * channel a targeted persona prefers that a theme leaves empty for its whole run.
 */
export function planCalendar(from: Date, to: Date, items: CalendarItem[], personas: CalendarPersona[], runs: CalendarRun[] = []): CalendarDay[] {
  const days = daysBetween(from, to).map((day) => {
    const start = Date.parse(`${day}T00:00:00Z`);
    const entries = items.filter((item) => (item.start === null || item.start.getTime() < start + DAY_MS) && (item.end === null || item.end.getTime() > start)).map(toEntry);
    const runsOfDay = runs.filter((run) => run.runAt.getTime() >= start && run.runAt.getTime() < start + DAY_MS);
    return { day, entries, runs: runsOfDay, conflicts: competitions(day, entries) };
  });
  for (const gap of emptyPreferredChannels(days, personas)) days.find((day) => day.day === gap.day)!.conflicts.push(gap);
  return days;
}

function toEntry({ start: _start, end: _end, ...entry }: CalendarItem): CalendarEntry {
  return entry;
}

/** Messages that target the same audience on the same channel and locale with the same priority. */
function competitions(day: string, entries: CalendarEntry[]): CalendarConflict[] {
  const groups = new Map<string, { audience: string; channel: string; locale: string; priority: number; itemIds: string[] }>();
  for (const entry of entries) {
    for (const audience of entry.personaTags.length > 0 ? entry.personaTags : ['*']) {
      for (const channel of entry.channels) {
        const key = `${audience}\u0000${channel}\u0000${entry.locale}\u0000${entry.priority}`;
        const group = groups.get(key) ?? { audience, channel, locale: entry.locale, priority: entry.priority, itemIds: [] };
        group.itemIds.push(entry.itemId);
        groups.set(key, group);
      }
    }
  }
  return [...groups.values()]
    .filter((group) => group.itemIds.length > 1)
    .map((group) => ({
      day,
      reason: `${group.itemIds.length} messages compete for ${group.audience === '*' ? 'every customer' : `persona ${group.audience}`} on ${group.channel} (${group.locale}) with equal priority ${group.priority}; raise one's priority or narrow its personas`,
      itemIds: [...group.itemIds].sort(),
    }));
}

/** For each theme, each persona it targets by name, and each channel that persona prefers: nothing of the theme reaches them there. */
function emptyPreferredChannels(days: CalendarDay[], personas: CalendarPersona[]): CalendarConflict[] {
  const themes = new Map<string, { first: string; last: string; entries: Map<string, CalendarEntry> }>();
  for (const day of days) {
    for (const entry of day.entries) {
      if (entry.theme === null) continue;
      const theme = themes.get(entry.theme) ?? { first: day.day, last: day.day, entries: new Map<string, CalendarEntry>() };
      theme.last = day.day;
      theme.entries.set(entry.itemId, entry);
      themes.set(entry.theme, theme);
    }
  }
  const gaps: CalendarConflict[] = [];
  for (const [theme, { first, last, entries: byItem }] of themes) {
    const entries = [...byItem.values()];
    const run = { first, last, entries };
    const targeted = new Set(entries.flatMap((entry) => entry.personaTags));
    for (const persona of personas.filter((candidate) => targeted.has(candidate.key))) {
      for (const channel of persona.channelPreferences) {
        const reached = run.entries.some((entry) => (entry.personaTags.length === 0 || entry.personaTags.includes(persona.key)) && entry.channels.includes(channel));
        if (reached) continue;
        gaps.push({
          day: run.first,
          reason: `Persona ${persona.key} prefers ${channel}, but theme ${theme} has nothing on ${channel} for them from ${run.first} to ${run.last}`,
          itemIds: run.entries.map((entry) => entry.itemId).sort(),
        });
      }
    }
  }
  return gaps;
}
