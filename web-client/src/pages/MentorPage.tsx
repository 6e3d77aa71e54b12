import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';

import { api, ApiError, idempotencyKey } from '../api';
import { day, money, time, viewerZone } from '../format';
import type { SessionView } from '../model';
import { useSignedIn } from '../session';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';
import { ReportButton } from './ModerationPage';

interface MentorProfile {
  user_id: string; username: string; display_name?: string; headline?: string; bio?: string; specializations: string[];
  hourly_rate?: string; currency: string; rating: string; total_sessions_as_mentor: number; years_of_experience?: number;
  is_accepting_mentees: boolean;
}
interface Availability { timezone: string; session_lengths_minutes: number[] }
interface Slot { start: string; end: string }

export function MentorPage() {
  const { mentorId = '' } = useParams();
  const profile = useLoad(() => api<MentorProfile>(`/api/v1/users/${mentorId}/mentor-profile`), [mentorId]);
  return (
    <main>
      <Show loaded={profile}>
        {(mentor) => (
          <>
            <h1>{mentor.display_name || mentor.username}</h1>
            {mentor.headline && <p className="lead">{mentor.headline}</p>}
            <p>{mentor.specializations.join(' · ')}</p>
            <p>{mentor.hourly_rate ? `${money(mentor.hourly_rate, mentor.currency)}/hour` : 'No rate set'} · ★ {mentor.rating}
              {' '}· {mentor.total_sessions_as_mentor} sessions{mentor.years_of_experience ? ` · ${mentor.years_of_experience} years` : ''}</p>
            {mentor.bio && <p>{mentor.bio}</p>}
            <Booking mentor={mentor} />
            <ReportButton targetType="user" targetId={mentor.user_id} reportedUserId={mentor.user_id} />
          </>
        )}
      </Show>
    </main>
  );
}

function Booking({ mentor }: { mentor: MentorProfile }) {
  const { activeRole, user } = useSignedIn();
  const navigate = useNavigate();
  const availability = useLoad(() => api<Availability>(`/api/v1/availability/${mentor.user_id}`).catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }), [mentor.user_id]);
  const [duration, setDuration] = useState<number | null>(null);
  const [weekOffset, setWeekOffset] = useState(0);
  const lengths = availability.data?.session_lengths_minutes ?? [];
  const minutes = duration ?? lengths[0] ?? 60;
  const from = useMemo(() => new Date(Date.now() + weekOffset * 7 * 86_400_000), [weekOffset]);
  const slots = useLoad(async () => {
    if (!availability.data) return [];
    const to = new Date(from.getTime() + 7 * 86_400_000);
    const body = await api<{ slots: Slot[] }>(`/api/v1/availability/${mentor.user_id}/slots`, {
      query: { from: from.toISOString(), to: to.toISOString(), duration_minutes: minutes },
    });
    return body.slots;
  }, [availability.data, minutes, from]);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [title, setTitle] = useState('');
  const key = useRef(idempotencyKey());
  const book = useAction(async () => {
    const session = await api<SessionView>('/api/v1/sessions', {
      body: { mentor_id: mentor.user_id, scheduled_start: chosen!.start, scheduled_end: chosen!.end,
        title: title || `Session with ${mentor.display_name || mentor.username}` },
      headers: { 'Idempotency-Key': key.current },
    });
    key.current = idempotencyKey();
    navigate(`/sessions/${session.session_id}`);
  });

  if (mentor.user_id === user.user_id) return <p className="notice">This is your mentor page as others see it.</p>;
  if (availability.data === null) return <p>{mentor.display_name || mentor.username} has not published availability yet.</p>;
  const byDay = new Map<string, Slot[]>();
  for (const slot of slots.data ?? []) {
    const label = day(slot.start);
    byDay.set(label, [...(byDay.get(label) ?? []), slot]);
  }
  return (
    <section aria-labelledby="book">
      <h2 id="book">Book a session</h2>
      <p><small>Times in your time zone ({viewerZone}).</small></p>
      <div className="row">
        {lengths.length > 1 && (
          <Field label="Length">
            <select name="duration" value={minutes} onChange={(e) => { setDuration(Number(e.target.value)); setChosen(null); }}>
              {lengths.map((length) => <option key={length} value={length}>{length} minutes</option>)}
            </select>
          </Field>
        )}
        <button type="button" className="secondary" disabled={weekOffset === 0} onClick={() => setWeekOffset(weekOffset - 1)}>Earlier</button>
        <button type="button" className="secondary" onClick={() => setWeekOffset(weekOffset + 1)}>Later</button>
      </div>
      <Show loaded={slots} empty={<p>No free time this week. Try later.</p>}>
        {() => (
          <div data-testid="slots">
            {[...byDay.entries()].map(([label, daySlots]) => (
              <div key={label}>
                <h3>{label}</h3>
                <ul className="slots">
                  {daySlots.map((slot) => (
                    <li key={slot.start}>
                      <button type="button" className="secondary" aria-pressed={chosen?.start === slot.start}
                        onClick={() => setChosen(slot)}>{time(slot.start)}</button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </Show>
      {chosen && (
        <form onSubmit={(e) => { e.preventDefault(); void book.run(); }}>
          <p>{day(chosen.start)}, {time(chosen.start)}–{time(chosen.end)}
            {mentor.hourly_rate && <> · {money(Number(mentor.hourly_rate) * minutes / 60, mentor.currency)}</>}</p>
          <Field label="What do you want to work on?"><input name="title" value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
          {activeRole !== 'mentee' && <p className="error">Switch to your mentee role to book.</p>}
          <ErrorLine error={book.error} />
          <button type="submit" disabled={book.busy || activeRole !== 'mentee'}>Book and pay</button>
        </form>
      )}
    </section>
  );
}
