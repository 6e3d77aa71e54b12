import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';

import { api, idempotencyKey } from '../api';
import { money, when } from '../format';
import { STATUS_LABEL, type SessionView } from '../model';
import { useSignedIn } from '../session';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';

interface Checkout {
  payment_id: string; tx_id: string; status: string; amount: { amount: string; currency: string }; gateway_ref?: string;
  next_action?: { type: string; upi_uri?: string; qr_png_base64?: string; url?: string }; failure_reason?: string;
}
interface Rule { min_notice_minutes: number; refund_percent: number }
interface Refund { percent: number; was_paid: boolean; notice_minutes: number; policy?: Rule[] }

/** "100 % with 24 h notice or more, 50 % with 2 h, none with less": the rules of the canceller's side. */
function policyText(refund: Refund): string {
  const rules = refund.policy ?? [];
  if (rules.length === 0) return 'a full refund whatever the notice';
  const parts = rules.map((rule) => {
    const share = rule.refund_percent ? `${rule.refund_percent} %` : 'nothing';
    if (rule.min_notice_minutes === 0) return `${share} with less`;
    const notice = rule.min_notice_minutes >= 60 ? `${Math.round(rule.min_notice_minutes / 60)} h` : `${rule.min_notice_minutes} min`;
    return `${share} with ${notice} notice or more`;
  });
  return `the policy: ${parts.join(', ')}`;
}

export function SessionPage() {
  const { sessionId = '' } = useParams();
  const loaded = useLoad(() => api<SessionView>(`/api/v1/sessions/${sessionId}`), [sessionId]);
  // while a payment or a start is awaited, follow the session as the services move it
  const status = loaded.data?.status;
  useEffect(() => {
    if (status !== 'pending_payment' && status !== 'scheduled') return;
    const timer = setInterval(loaded.reload, status === 'pending_payment' ? 2000 : 10_000);
    return () => clearInterval(timer);
  }, [status, loaded.reload]);
  return (
    <main>
      <Show loaded={loaded}>{(session) => <SessionDetail session={session} reload={loaded.reload} />}</Show>
    </main>
  );
}

function SessionDetail({ session, reload }: { session: SessionView; reload: () => void }) {
  const { user, activeRole } = useSignedIn();
  const navigate = useNavigate();
  const isMentor = session.mentor_id === user.user_id;
  const other = isMentor ? session.mentee_id : session.mentor_id;
  const [refund, setRefund] = useState<Refund | null>(null);
  const act = useAction(async (path: string, body?: unknown) => {
    await api(`/api/v1/sessions/${session.session_id}/${path}`, { method: 'POST', body });
    reload();
  });
  // Cancelling is two steps: the quote (what the policy would refund now), then the confirmation.
  const [quote, setQuote] = useState<Refund | null>(null);
  const ask = useAction(async () => setQuote(await api<Refund>(`/api/v1/sessions/${session.session_id}/refund-quote`)));
  const cancel = useAction(async () => {
    setQuote(null);
    const answer = await api<{ refund: Refund }>(`/api/v1/sessions/${session.session_id}/cancel`, { body: { reason: 'Cancelled in the app' } });
    setRefund(answer.refund);
    reload();
  });
  const chat = useAction(async () => {
    const conversation = await api<{ conversation_id: string }>('/api/v1/conversations', { body: { type: 'direct', member_ids: [other] } });
    navigate(`/chat/${conversation.conversation_id}`);
  });
  const live = session.status === 'scheduled' || session.status === 'in_progress';
  return (
    <>
      <h1>{session.title}</h1>
      <p>{when(session.scheduled_start)} – {when(session.scheduled_end)} · <span className="status" data-testid="session-status"
        data-status={session.status}>{STATUS_LABEL[session.status]}</span> · {money(session.price.amount, session.price.currency)}</p>
      {session.description && <p>{session.description}</p>}
      {session.cancellation && <p>Cancelled by the {session.cancellation.cancelled_by_role}; refund {session.cancellation.refund_percent} %.</p>}
      {refund && <p className="notice" role="status" data-testid="refund">Cancelled. {refund.was_paid
        ? `You get ${refund.percent} % back under the cancellation policy (${Math.round(refund.notice_minutes / 60)} h notice).`
        : 'Nothing was paid, so nothing is refunded.'}</p>}
      {session.status === 'pending_payment' && !isMentor && <CheckoutPanel session={session} />}
      {session.status === 'pending_payment' && isMentor && <p>Waiting for the mentee's payment.</p>}
      <div className="row">
        {session.status === 'proposed' && !isMentor && <>
          <button type="button" onClick={() => act.run('accept')}>Accept</button>
          <button type="button" className="secondary" onClick={() => act.run('decline')}>Decline</button>
        </>}
        {live && <Link className="button" to={`/sessions/${session.session_id}/call`}>Join the call</Link>}
        {session.status === 'scheduled' && isMentor && activeRole === 'mentor' && <button type="button" className="secondary" onClick={() => act.run('start')}>Start</button>}
        {live && isMentor && activeRole === 'mentor' && <button type="button" onClick={() => act.run('complete')}>Mark completed</button>}
        <button type="button" className="secondary" onClick={() => chat.run()}>Message {isMentor ? 'your mentee' : 'your mentor'}</button>
        {(live || session.status === 'pending_payment' || session.status === 'proposed') && session.status !== 'in_progress' && (
          <button type="button" className="danger" onClick={() => void ask.run()} disabled={ask.busy || quote !== null}>
            Cancel session
          </button>
        )}
      </div>
      {quote && (
        <div className="notice" role="alertdialog" aria-labelledby="cancel-quote" data-testid="refund-quote">
          <p id="cancel-quote">{quote.was_paid
            ? `Cancelling now gives you ${quote.percent} % back (${Math.round(quote.notice_minutes / 60)} h notice; ${policyText(quote)}).`
            : 'Nothing has been paid, so nothing is refunded.'}</p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void cancel.run()} disabled={cancel.busy}>Yes, cancel it</button>
            <button type="button" className="secondary" onClick={() => setQuote(null)}>Keep the session</button>
          </div>
        </div>
      )}
      {session.status === 'scheduled' && <Reschedule session={session} onDone={reload} />}
      <ErrorLine error={act.error || ask.error || cancel.error || chat.error} />
    </>
  );
}

function CheckoutPanel({ session }: { session: SessionView }) {
  const [method, setMethod] = useState<'upi' | 'card'>('upi');
  const key = useRef(idempotencyKey());
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const pay = useAction(async () => {
    const answer = await api<Checkout>('/api/v1/payments/checkout', {
      body: { session_id: session.session_id, method }, headers: { 'Idempotency-Key': key.current },
    });
    setCheckout(answer);
    if (answer.next_action?.type === 'redirect' && answer.next_action.url) window.open(answer.next_action.url, '_blank', 'noopener');
  });
  return (
    <section aria-labelledby="pay" className="card">
      <h2 id="pay">Pay {money(session.price.amount, session.price.currency)}</h2>
      {session.hold_expires_at && <p><small>Your slot is held until {when(session.hold_expires_at)}.</small></p>}
      {!checkout ? (
        <form onSubmit={(e) => { e.preventDefault(); void pay.run(); }}>
          <fieldset>
            <legend>Pay with</legend>
            <label className="check"><input type="radio" name="method" checked={method === 'upi'} onChange={() => setMethod('upi')} /> UPI (any UPI app)</label>
            <label className="check"><input type="radio" name="method" checked={method === 'card'} onChange={() => setMethod('card')} /> Card</label>
          </fieldset>
          <ErrorLine error={pay.error} />
          <button type="submit" disabled={pay.busy}>Continue to payment</button>
        </form>
      ) : (
        <div data-testid="checkout">
          {checkout.failure_reason && <p className="error">{checkout.failure_reason}</p>}
          {checkout.next_action?.qr_png_base64 && (
            <img alt="UPI QR code: scan it with your UPI app" width={220} height={220}
              src={`data:image/png;base64,${checkout.next_action.qr_png_base64}`} />
          )}
          {checkout.next_action?.upi_uri && <p><a href={checkout.next_action.upi_uri}>Open your UPI app</a></p>}
          {checkout.next_action?.url && <p><a href={checkout.next_action.url} target="_blank" rel="noopener">Open the card payment page</a></p>}
          <p>Payment reference: <code data-testid="gateway-ref">{checkout.gateway_ref}</code></p>
          <p aria-live="polite">Waiting for your payment… this page updates by itself.</p>
        </div>
      )}
    </section>
  );
}

function Reschedule({ session, onDone }: { session: SessionView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const length = new Date(session.scheduled_end).getTime() - new Date(session.scheduled_start).getTime();
  const [start, setStart] = useState('');
  const move = useAction(async () => {
    const begin = new Date(start);
    await api(`/api/v1/sessions/${session.session_id}/reschedule`, {
      body: { scheduled_start: begin.toISOString(), scheduled_end: new Date(begin.getTime() + length).toISOString() },
    });
    setOpen(false);
    onDone();
  });
  if (!open) return <p><button type="button" className="link" onClick={() => setOpen(true)}>Reschedule</button></p>;
  return (
    <form onSubmit={(e) => { e.preventDefault(); void move.run(); }} className="row">
      <Field label="New start (your time)"><input type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} /></Field>
      <button type="submit" disabled={move.busy}>Move the session</button>
      <ErrorLine error={move.error} />
    </form>
  );
}
