import { useState } from 'react';

import { api } from '../api';
import { when } from '../format';
import { useSignedIn } from '../session';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';

const REASONS = [['harassment', 'Harassment or bullying'], ['hate', 'Hate'], ['sexual', 'Sexual content'], ['spam', 'Spam or scam'],
  ['off_platform_solicitation', 'Asking to pay outside the platform'], ['personal_data', 'Personal data'], ['self_harm', 'Self-harm'],
  ['profanity', 'Profanity'], ['other', 'Something else']] as const;

/** "Report": opens a small form naming what is reported; the report goes to the moderators' queue. */
export function ReportButton({ targetType, targetId, reportedUserId, compact }: {
  targetType: 'message' | 'user' | 'session' | 'lecture'; targetId: string; reportedUserId?: string; compact?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('harassment');
  const [details, setDetails] = useState('');
  const [done, setDone] = useState(false);
  const send = useAction(() => api('/api/v1/moderation/report', {
    body: { target_type: targetType, target_id: targetId, reported_user_id: reportedUserId, reason, details: details || null },
  }));
  if (done) return <span role="status" className="ok"> Reported. Thank you.</span>;
  if (!open) return <button type="button" className="link" onClick={() => setOpen(true)}>{compact ? 'Report' : `Report this ${targetType}`}</button>;
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); void send.run().then((r) => r !== undefined && setDone(true)); }}>
      <Field label="Why are you reporting it?">
        <select name="reason" value={reason} onChange={(e) => setReason(e.target.value)}>
          {REASONS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <Field label="Details (optional)"><textarea name="details" rows={2} value={details} onChange={(e) => setDetails(e.target.value)} /></Field>
      <ErrorLine error={send.error} />
      <div className="row"><button type="submit" disabled={send.busy}>Send report</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button></div>
    </form>
  );
}

interface EventView {
  event_id: string; content_type?: string; severity: string; policy_violated: string[]; action_taken: string;
  source: string; reason?: string; until?: string; review_status: string; review_reason?: string; text?: string; timestamp: string;
}

/** The user's own moderation record: each decision about them, and an appeal against it. */
export function ModerationPage() {
  const { user } = useSignedIn();
  const events = useLoad(() => api<{ items: EventView[] }>(`/api/v1/moderation/events/${user.user_id}`).then((p) => p.items), [user.user_id]);
  return (
    <main>
      <h1>Safety</h1>
      <p>Decisions our moderation made about your content or account, and your appeals. Report anything that
        breaks the rules from the message, profile or lecture itself.</p>
      <Show loaded={events} empty={<p data-testid="no-decisions">No decisions about you. Thank you for keeping it friendly.</p>}>
        {(items) => (
          <ul className="cards" data-testid="decisions">
            {items.map((event) => <Decision key={event.event_id} event={event} />)}
          </ul>
        )}
      </Show>
    </main>
  );
}

function Decision({ event }: { event: EventView }) {
  const [reason, setReason] = useState('');
  const [appealed, setAppealed] = useState<string | null>(null);
  const appeal = useAction(async () => {
    const answer = await api<{ status: string }>(`/api/v1/moderation/events/${event.event_id}/appeals`, { body: { reason } });
    setAppealed(answer.status);
  });
  return (
    <li className="card">
      <h3>{event.action_taken.replace(/_/g, ' ')} · {event.severity}</h3>
      <p><small>{when(event.timestamp)} · {event.policy_violated.join(', ') || 'no category'} · by {event.source}</small></p>
      {event.text && <blockquote>{event.text}</blockquote>}
      {event.reason && <p>{event.reason}</p>}
      {event.until && <p>Until {when(event.until)}</p>}
      <p>Review: <b data-testid="review-status">{event.review_status}</b>{event.review_reason && ` — ${event.review_reason}`}</p>
      {appealed ? <p className="ok" role="status">Appeal sent ({appealed}).</p> : (
        <form onSubmit={(e) => { e.preventDefault(); void appeal.run(); }}>
          <Field label="Appeal: why is this wrong?"><textarea name="appeal" rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} /></Field>
          <ErrorLine error={appeal.error} />
          <button type="submit" className="secondary" disabled={appeal.busy}>Appeal</button>
        </form>
      )}
    </li>
  );
}
