import { api } from '../api';
import { money, when } from '../format';
import { Show, useAction, useLoad, ErrorLine } from '../ui';
import { Kpis, type MentorBalance } from './Dashboard';

interface Tx {
  tx_id: string; purpose: string; amount: { amount: string; currency: string }; service_fee: { amount: string };
  transaction_type: string; status: string; created_at: string; completed_at?: string;
}

/** Balance, a plot of what came in per week, the transactions, and a payout of what is available. */
export function Earnings() {
  const balance = useLoad(() => api<MentorBalance>('/api/v1/payments/balance'), []);
  const txs = useLoad(() => api<{ items: Tx[] }>('/api/v1/payments/transactions', { query: { limit: 100 } }).then((p) => p.items), []);
  const payout = useAction(async () => {
    await api('/api/v1/payments/payouts', { body: {} });
    balance.reload();
    txs.reload();
  });
  return (
    <main>
      <h1>Earnings and payouts</h1>
      <Show loaded={balance}>{(b) => <Kpis balance={b} />}</Show>
      <p><button type="button" onClick={() => payout.run()} disabled={payout.busy}>Pay out what is available</button></p>
      <ErrorLine error={payout.error} />
      <Show loaded={txs} empty={<p>No transactions yet.</p>}>
        {(items) => (
          <>
            <WeeklyPlot items={items} />
            <div className="table-wrap">
              <table>
                <thead><tr><th>When</th><th>Kind</th><th>Amount</th><th>Fee</th><th>Status</th></tr></thead>
                <tbody>
                  {items.map((tx) => (
                    <tr key={tx.tx_id}>
                      <td>{when(tx.completed_at ?? tx.created_at)}</td><td>{tx.transaction_type.replace(/_/g, ' ')}</td>
                      <td>{money(tx.amount.amount, tx.amount.currency)}</td><td>{money(tx.service_fee?.amount, tx.amount.currency)}</td>
                      <td>{tx.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </main>
  );
}

/** Earnings (payments to the mentor, net of the fee) per week, as bars: an SVG, no chart library needed. */
function WeeklyPlot({ items }: { items: Tx[] }) {
  const weeks = new Map<string, number>();
  for (const tx of items) {
    if (tx.status !== 'succeeded' || tx.transaction_type !== 'payment') continue;
    const date = new Date(tx.completed_at ?? tx.created_at);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    const key = date.toISOString().slice(0, 10);
    weeks.set(key, (weeks.get(key) ?? 0) + Number(tx.amount.amount) - Number(tx.service_fee?.amount ?? 0));
  }
  const bars = [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-12);
  if (bars.length === 0) return null;
  const top = Math.max(...bars.map(([, value]) => value), 1);
  return (
    <figure>
      <svg viewBox={`0 0 ${bars.length * 40} 120`} role="img" aria-label="Earnings per week" style={{ width: '100%', maxWidth: 600 }}>
        {bars.map(([week, value], index) => (
          <g key={week}>
            <rect x={index * 40 + 6} y={100 - (value / top) * 90} width={28} height={(value / top) * 90} fill="#1f4e79">
              <title>{`Week of ${week}: ${value.toFixed(2)}`}</title>
            </rect>
            <text x={index * 40 + 20} y={115} fontSize={8} textAnchor="middle">{week.slice(5)}</text>
          </g>
        ))}
      </svg>
      <figcaption>Earnings per week, after the platform fee</figcaption>
    </figure>
  );
}
