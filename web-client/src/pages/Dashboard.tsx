import { Link } from 'react-router-dom';

import { api } from '../api';
import { money } from '../format';
import type { SessionView } from '../model';
import { useSignedIn } from '../session';
import { Show, useLoad } from '../ui';
import { SessionTable } from './SessionsList';

export interface MentorBalance { currency: string; in_escrow: string; pending: string; available: string; in_payout: string; paid_out: string }
interface MenteeBalance { currency: string; paid: string; refunded: string }

const UPCOMING = 'proposed,pending_payment,scheduled,in_progress';

/** One dashboard per role: what a mentor needs to see is not what a mentee needs. */
export function Dashboard() {
  const { activeRole, user } = useSignedIn();
  if (activeRole === 'admin') {
    return <main><h1>Admin</h1><p><Link to="/admin">Open the moderation console</Link></p></main>;
  }
  return activeRole === 'mentor' ? <MentorDashboard name={user.username} /> : <MenteeDashboard name={user.username} />;
}

function Upcoming({ as }: { as: 'mentor' | 'mentee' }) {
  const sessions = useLoad(() => api<{ sessions: SessionView[] }>('/api/v1/sessions', { query: { as, status: UPCOMING, limit: 5 } })
    .then((page) => page.sessions), [as]);
  return (
    <section aria-labelledby="upcoming">
      <h2 id="upcoming">Upcoming sessions</h2>
      <Show loaded={sessions} empty={<p>Nothing booked yet.</p>}>{(items) => <SessionTable sessions={items} />}</Show>
      <p><Link to="/sessions">All sessions</Link></p>
    </section>
  );
}

function MentorDashboard({ name }: { name: string }) {
  const balance = useLoad(() => api<MentorBalance>('/api/v1/payments/balance'), []);
  return (
    <main>
      <h1>Welcome back, {name}</h1>
      <section aria-labelledby="earnings">
        <h2 id="earnings">Earnings</h2>
        <Show loaded={balance}>{(b) => <Kpis balance={b} />}</Show>
        <p><Link to="/earnings">Earnings and payouts</Link> · <Link to="/availability">Edit availability</Link> · <Link to="/lectures">Your courses</Link></p>
      </section>
      <Upcoming as="mentor" />
    </main>
  );
}

export function Kpis({ balance }: { balance: MentorBalance }) {
  return (
    <div className="kpis" data-testid="earnings">
      <div className="kpi"><span>Held for booked sessions</span><b data-testid="in-escrow">{money(balance.in_escrow, balance.currency)}</b></div>
      <div className="kpi"><span>Pending (dispute window)</span><b data-testid="pending">{money(balance.pending, balance.currency)}</b></div>
      <div className="kpi"><span>Available</span><b data-testid="available">{money(balance.available, balance.currency)}</b></div>
      <div className="kpi"><span>Being paid out</span><b data-testid="in-payout">{money(balance.in_payout, balance.currency)}</b></div>
      <div className="kpi"><span>Paid out</span><b data-testid="paid-out">{money(balance.paid_out, balance.currency)}</b></div>
    </div>
  );
}

function MenteeDashboard({ name }: { name: string }) {
  const balance = useLoad(() => api<MenteeBalance>('/api/v1/payments/balance'), []);
  return (
    <main>
      <h1>Welcome back, {name}</h1>
      <p><Link className="button" to="/mentors">Find a mentor</Link></p>
      <Upcoming as="mentee" />
      <section aria-labelledby="spending">
        <h2 id="spending">Spending</h2>
        <Show loaded={balance}>{(b) => (
          <div className="kpis">
            <div className="kpi"><span>Paid</span><b data-testid="paid">{money(b.paid, b.currency)}</b></div>
            <div className="kpi"><span>Refunded</span><b>{money(b.refunded, b.currency)}</b></div>
          </div>
        )}</Show>
      </section>
      <section aria-labelledby="learning"><h2 id="learning">Learning</h2><p><Link to="/lectures">Your courses and lectures</Link></p></section>
    </main>
  );
}
