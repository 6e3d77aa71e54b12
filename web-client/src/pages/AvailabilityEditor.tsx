import { useState, type FormEvent } from 'react';

import { api, ApiError } from '../api';
import { viewerZone } from '../format';
import { useSignedIn } from '../session';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'],
  ['sat', 'Saturday'], ['sun', 'Sunday']] as const;
const LENGTHS = [30, 45, 60, 90];

interface Window { day: string; start: string; end: string }
interface Availability {
  timezone: string; weekly: Window[]; session_lengths_minutes: number[]; min_notice_minutes: number;
  buffer_before_minutes: number; buffer_after_minutes: number; horizon_days: number;
}

export function AvailabilityEditor() {
  const { user } = useSignedIn();
  const loaded = useLoad(() => api<Availability>(`/api/v1/availability/${user.user_id}`).catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }), [user.user_id]);
  return (
    <main>
      <h1>Your availability</h1>
      <p>When mentees may book you, each week. Bookings never overlap; a day's windows may be several.</p>
      <Show loaded={loaded}>{(current) => <Editor userId={user.user_id} current={current} />}</Show>
    </main>
  );
}

function Editor({ userId, current }: { userId: string; current: Availability | null }) {
  const [zone, setZone] = useState(current?.timezone ?? viewerZone);
  const [windows, setWindows] = useState<Window[]>(current?.weekly ?? DAYS.slice(0, 5).map(([day]) => ({ day, start: '09:00', end: '17:00' })));
  const [lengths, setLengths] = useState<number[]>(current?.session_lengths_minutes ?? [60]);
  const [notice, setNotice] = useState(String(current?.min_notice_minutes ?? 60));
  const [saved, setSaved] = useState(false);
  const save = useAction(() => api(`/api/v1/availability/${userId}`, {
    method: 'PUT',
    body: { timezone: zone, weekly: windows, session_lengths_minutes: lengths, min_notice_minutes: Number(notice) },
  }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved((await save.run()) !== undefined);
  };
  const setWindow = (index: number, change: Partial<Window>) => setWindows(windows.map((w, i) => (i === index ? { ...w, ...change } : w)));
  return (
    <form onSubmit={submit}>
      <Field label="Time zone"><input name="timezone" value={zone} onChange={(e) => setZone(e.target.value)} /></Field>
      <fieldset>
        <legend>Weekly hours</legend>
        {windows.length === 0 && <p>No hours: nobody can book you.</p>}
        {windows.map((window, index) => (
          <div className="row" key={index}>
            <Field label="Day">
              <select value={window.day} onChange={(e) => setWindow(index, { day: e.target.value })}>
                {DAYS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
            </Field>
            <Field label="From"><input type="time" value={window.start} onChange={(e) => setWindow(index, { start: e.target.value })} /></Field>
            <Field label="To"><input type="time" value={window.end} onChange={(e) => setWindow(index, { end: e.target.value })} /></Field>
            <button type="button" className="secondary" aria-label={`Remove window ${index + 1}`}
              onClick={() => setWindows(windows.filter((_, i) => i !== index))}>Remove</button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setWindows([...windows, { day: 'sat', start: '10:00', end: '14:00' }])}>
          Add hours
        </button>
      </fieldset>
      <fieldset>
        <legend>Session lengths</legend>
        {LENGTHS.map((length) => (
          <label key={length} className="check"><input type="checkbox" checked={lengths.includes(length)}
            onChange={() => setLengths(lengths.includes(length) ? lengths.filter((l) => l !== length) : [...lengths, length].sort((a, b) => a - b))} />
            {length} minutes</label>
        ))}
      </fieldset>
      <Field label="Minimum notice (minutes)"><input name="min_notice_minutes" type="number" min={0} value={notice} onChange={(e) => setNotice(e.target.value)} /></Field>
      <ErrorLine error={save.error} />
      <div className="row"><button type="submit" disabled={save.busy}>Publish availability</button>{saved && <span className="ok" role="status">Published</span>}</div>
    </form>
  );
}
