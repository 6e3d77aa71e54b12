import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';

import { api } from '../api';
import { money } from '../format';
import type { MentorCard } from '../model';
import { ErrorLine, Field } from '../ui';

/** Results as you type: each keystroke (after a short pause) asks again and drops the older answer. */
export function MentorSearch() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [maxRate, setMaxRate] = useState(params.get('max_hourly_rate') ?? '');
  const [minRating, setMinRating] = useState(params.get('min_rating') ?? '');
  const [accepting, setAccepting] = useState(params.get('accepting_mentees') !== 'false');
  const [results, setResults] = useState<MentorCard[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = { q, max_hourly_rate: maxRate, min_rating: minRating, accepting_mentees: accepting ? 'true' : undefined };
      setParams(Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<string, string>, { replace: true });
      api<{ items: MentorCard[] }>('/api/v1/mentors', { query: { ...query, limit: 30 }, signal: controller.signal })
        .then((page) => { setResults(page.items); setError(null); })
        .catch((e: Error) => { if (e.name !== 'AbortError') setError(e); });
    }, 200);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [q, maxRate, minRating, accepting, setParams]);

  return (
    <main>
      <h1>Find a mentor</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="row">
        <div className="grow"><Field label="Search"><input name="q" type="search" placeholder="Skill, name or topic" value={q}
          onChange={(e) => setQ(e.target.value)} /></Field></div>
        <Field label="Max hourly rate"><input name="max_hourly_rate" inputMode="decimal" value={maxRate} onChange={(e) => setMaxRate(e.target.value)} /></Field>
        <Field label="Min rating">
          <select name="min_rating" value={minRating} onChange={(e) => setMinRating(e.target.value)}>
            <option value="">Any</option><option value="3">3+</option><option value="4">4+</option><option value="4.5">4.5+</option>
          </select>
        </Field>
        <label className="check"><input type="checkbox" checked={accepting} onChange={(e) => setAccepting(e.target.checked)} /> Accepting mentees</label>
      </form>
      <ErrorLine error={error} />
      {results === null ? <p aria-busy="true">Searching…</p> : results.length === 0 ? <p>No mentor matches. Try fewer words.</p> : (
        <ul className="cards" aria-label="Mentors" data-testid="mentor-results">
          {results.map((mentor) => (
            <li key={mentor.user_id} className="card">
              <h3><Link to={`/mentors/${mentor.user_id}`}>{mentor.display_name || mentor.username}</Link></h3>
              {mentor.headline && <p>{mentor.headline}</p>}
              <p><small>{mentor.specializations.join(' · ')}</small></p>
              <p>{money(mentor.hourly_rate, mentor.currency)}/hour · ★ {mentor.rating} · {mentor.total_sessions_as_mentor} sessions</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
