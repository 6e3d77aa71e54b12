import { useState } from 'react';

import { api } from '../api';
import { when } from '../format';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';

interface QueueItem {
  kind: 'event' | 'report'; item_id: string; priority: number; status: string; created_at: string; user_id: string;
  content_type?: string; severity?: string; categories: string[]; action_taken?: string; reason?: string; text?: string;
  reporter_count?: number; reports?: { reason: string; details?: string }[];
}
interface Appeal { appeal_id: string; event_id: string; user_id: string; reason: string; status: string; created_at: string }
interface AuditEntry { [key: string]: unknown }

type Tab = 'queue' | 'appeals' | 'audit' | 'policies';

export function AdminConsole() {
  const [tab, setTab] = useState<Tab>('queue');
  return (
    <main>
      <h1>Moderation console</h1>
      <div className="row" role="tablist" aria-label="Console sections">
        {(['queue', 'appeals', 'audit', 'policies'] as Tab[]).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? '' : 'secondary'}
            onClick={() => setTab(name)}>{name[0].toUpperCase() + name.slice(1)}</button>
        ))}
      </div>
      {tab === 'queue' && <Queue />}
      {tab === 'appeals' && <Appeals />}
      {tab === 'audit' && <Audit />}
      {tab === 'policies' && <Policies />}
    </main>
  );
}

function Queue() {
  const queue = useLoad(() => api<{ items: QueueItem[] }>('/api/v1/moderation/admin/queue').then((p) => p.items), []);
  return (
    <Show loaded={queue} empty={<p>The queue is empty.</p>}>
      {(items) => (
        <ul className="cards" data-testid="queue">
          {items.map((item) => <QueueCard key={item.item_id} item={item} onDecided={queue.reload} />)}
        </ul>
      )}
    </Show>
  );
}

function QueueCard({ item, onDecided }: { item: QueueItem; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const decide = useAction(async (decision: 'uphold' | 'overturn' | 'escalate') => {
    const path = item.kind === 'report' ? `reports/${item.item_id}` : `events/${item.item_id}`;
    await api(`/api/v1/moderation/admin/${path}/decision`, { body: { decision, reason: reason || `${decision} by a moderator` } });
    onDecided();
  });
  return (
    <li className="card" data-kind={item.kind}>
      <h3>{item.kind === 'report' ? `Report (${item.reporter_count ?? 1} reporter${(item.reporter_count ?? 1) > 1 ? 's' : ''})` : 'Automatic decision'}
        {' '}· {item.status}</h3>
      <p><small>{when(item.created_at)} · priority {item.priority} · {item.categories.join(', ')}{item.severity && ` · ${item.severity}`}</small></p>
      {item.text && <blockquote>{item.text}</blockquote>}
      {item.reports?.map((report, index) => <p key={index}><small>Reported as {report.reason}{report.details && `: ${report.details}`}</small></p>)}
      {item.reason && <p>{item.reason}</p>}
      <Field label="Reason for your decision"><input value={reason} onChange={(e) => setReason(e.target.value)} /></Field>
      <div className="row">
        <button type="button" onClick={() => decide.run('uphold')} disabled={decide.busy}>Uphold</button>
        <button type="button" className="secondary" onClick={() => decide.run('overturn')} disabled={decide.busy}>Overturn</button>
        <button type="button" className="secondary" onClick={() => decide.run('escalate')} disabled={decide.busy}>Escalate</button>
      </div>
      <ErrorLine error={decide.error} />
    </li>
  );
}

function Appeals() {
  const appeals = useLoad(() => api<{ items: Appeal[] }>('/api/v1/moderation/admin/appeals').then((p) => p.items), []);
  const decide = useAction(async (id: string, decision: 'uphold' | 'overturn') => {
    await api(`/api/v1/moderation/admin/appeals/${id}/decision`, { body: { decision, reason: `${decision} on appeal` } });
    appeals.reload();
  });
  return (
    <>
      <ErrorLine error={decide.error} />
      <Show loaded={appeals} empty={<p>No appeals waiting.</p>}>
        {(items) => (
          <ul className="cards" data-testid="appeals">
            {items.map((appeal) => (
              <li key={appeal.appeal_id} className="card">
                <h3>Appeal · {appeal.status}</h3>
                <p><small>{when(appeal.created_at)}</small></p>
                <blockquote>{appeal.reason}</blockquote>
                {appeal.status === 'pending' && (
                  <div className="row">
                    <button type="button" onClick={() => decide.run(appeal.appeal_id, 'uphold')}>Keep the decision</button>
                    <button type="button" className="secondary" onClick={() => decide.run(appeal.appeal_id, 'overturn')}>Overturn it</button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Show>
    </>
  );
}

function Audit() {
  const audit = useLoad(() => api<{ items: AuditEntry[] }>('/api/v1/moderation/admin/audit').then((p) => p.items), []);
  return (
    <Show loaded={audit} empty={<p>Nothing audited yet.</p>}>
      {(items) => (
        <div className="table-wrap">
          <table>
            <thead><tr><th>When</th><th>Who</th><th>What</th><th>Details</th></tr></thead>
            <tbody>
              {items.map((entry, index) => (
                <tr key={index}>
                  <td>{when((entry.at ?? entry.timestamp ?? entry.created_at) as string)}</td>
                  <td>{String(entry.actor_id ?? entry.admin_id ?? '')}</td>
                  <td>{String(entry.action ?? '')}</td>
                  <td><code>{JSON.stringify(entry.details ?? entry.target_id ?? '')}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Show>
  );
}

function Policies() {
  const policies = useLoad(() => api<unknown>('/api/v1/moderation/admin/policies'), []);
  const reload = useAction(async () => {
    await api('/api/v1/moderation/admin/policies/reload', { method: 'POST' });
    policies.reload();
  });
  return (
    <>
      <button type="button" className="secondary" onClick={() => reload.run()} disabled={reload.busy}>Reload policies</button>
      <ErrorLine error={reload.error} />
      <Show loaded={policies}>{(data) => <pre className="card" style={{ overflowX: 'auto' }}>{JSON.stringify(data, null, 2)}</pre>}</Show>
    </>
  );
}
