// Dates and money as the viewer reads them: times in the browser's own time zone (the API speaks
// UTC instants), amounts in their currency with Intl's grouping.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function when(instant: string | undefined | null): string {
  if (!instant) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

export function time(instant: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

export function day(instant: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(instant));
}

export function money(amount: string | number | undefined | null, currency = 'INR'): string {
  if (amount === undefined || amount === null || amount === '') return '—';
  const value = typeof amount === 'number' ? amount : Number(amount);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
}

/** "YYYY-MM-DD" of a date in the viewer's zone. */
export function isoDay(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  return parts;
}
