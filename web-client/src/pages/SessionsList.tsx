import { useState } from 'react';
import { Link } from 'react-router-dom';

import { api } from '../api';
import { money, when } from '../format';
import { STATUS_LABEL, type SessionView } from '../model';
import { useSignedIn } from '../session';
import { Show, useLoad } from '../ui';

const UPCOMING = 'proposed,pending_payment,scheduled,in_progress';
const PAST = 'completed,cancelled,no_show,expired,declined';

export function SessionsList() {
  const { activeRole } = useSignedIn();
  const [which, setWhich] = useState<'upcoming' | 'past'>('upcoming');
  const side = activeRole === 'mentor' ? 'mentor' : 'mentee';
  const loaded = useLoad(() => api<{ sessions: SessionView[] }>('/api/v1/sessions', {
    query: { as: side, status: which === 'upcoming' ? UPCOMING : PAST, limit: 50 },
  }).then((page) => page.sessions), [side, which]);
  return (
    <main>
      <h1>Your sessions as {side}</h1>
      <div className="row" role="tablist" aria-label="Which sessions">
        <button type="button" role="tab" aria-selected={which === 'upcoming'} className={which === 'upcoming' ? '' : 'secondary'}
          onClick={() => setWhich('upcoming')}>Upcoming</button>
        <button type="button" role="tab" aria-selected={which === 'past'} className={which === 'past' ? '' : 'secondary'}
          onClick={() => setWhich('past')}>Past</button>
      </div>
      <Show loaded={loaded} empty={<p>No {which} sessions.{side === 'mentee' && <> <Link to="/mentors">Find a mentor</Link></>}</p>}>
        {(sessions) => <SessionTable sessions={sessions} />}
      </Show>
    </main>
  );
}

export function SessionTable({ sessions }: { sessions: SessionView[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="sessions">
        <thead><tr><th>When</th><th>What</th><th>Status</th><th>Price</th></tr></thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.session_id}>
              <td>{when(session.scheduled_start)}</td>
              <td><Link to={`/sessions/${session.session_id}`}>{session.title}</Link></td>
              <td><span className="status" data-status={session.status}>{STATUS_LABEL[session.status]}</span></td>
              <td>{money(session.price.amount, session.price.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
