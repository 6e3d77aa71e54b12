import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';

import { api, ApiError } from '../api';
import { useSignedIn, type Role } from '../session';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';

interface General { user_id: string; display_name?: string; bio?: string }
interface MentorProfile {
  headline?: string; specializations: string[]; hourly_rate?: string; currency: string;
  years_of_experience?: number; is_accepting_mentees: boolean; complete: boolean;
}
interface MenteeProfile { learning_goals: string[]; interests: string[]; experience_level: string }
interface PaymentMethod {
  payment_method_id: string; label: string; provider: string; vpa_address: string; is_primary: boolean; is_active: boolean;
}

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

/** A 404 means "not filled in yet": the form starts empty. */
async function orEmpty<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function ProfilePage() {
  const { user, reload } = useSignedIn();
  const [params] = useSearchParams();
  return (
    <main>
      <h1>Your profile</h1>
      {params.get('welcome') && <p className="notice">Welcome, {user.username}! Fill in your profile so mentors and mentees know you.</p>}
      <Account />
      <GeneralSection userId={user.user_id} />
      {user.roles.includes('mentor') ? <MentorSection userId={user.user_id} /> : <AddRole role="mentor" onAdded={reload} />}
      {user.roles.includes('mentee') ? <MenteeSection userId={user.user_id} /> : <AddRole role="mentee" onAdded={reload} />}
      <PaymentMethods userId={user.user_id} />
    </main>
  );
}

function Account() {
  const { user, reload } = useSignedIn();
  const resend = useAction(() => api('/api/v1/auth/verify-email/request', { method: 'POST' }));
  const [sent, setSent] = useState(false);
  return (
    <section aria-labelledby="account">
      <h2 id="account">Account</h2>
      <p>{user.username} · {user.email} · roles: {user.roles.join(', ')}</p>
      {user.email_verified ? (
        <p className="ok" data-testid="email-status">Email verified</p>
      ) : (
        <div className="notice" data-testid="email-status">
          <p>Your email is not verified yet: open the link we emailed you.</p>
          <div className="row">
            <button type="button" className="secondary" disabled={resend.busy}
              onClick={() => resend.run().then((done) => done !== undefined && setSent(true))}>Send the link again</button>
            <button type="button" className="secondary" onClick={() => reload()}>I have verified it</button>
          </div>
          {sent && <p role="status">Sent. Check your inbox.</p>}
          <ErrorLine error={resend.error} />
        </div>
      )}
    </section>
  );
}

function AddRole({ role, onAdded }: { role: Role; onAdded: () => Promise<void> }) {
  const { user } = useSignedIn();
  const add = useAction(async () => {
    await api(`/api/v1/users/${user.user_id}/roles/${role}`, { method: 'POST' });
    await onAdded();
  });
  return (
    <section>
      <h2>{role === 'mentor' ? 'Mentor' : 'Mentee'}</h2>
      <p>{role === 'mentor' ? 'Teach what you know: add the mentor role.' : 'Learn something new: add the mentee role.'}</p>
      <button type="button" onClick={() => add.run()} disabled={add.busy}>Become a {role}</button>
      <ErrorLine error={add.error} />
    </section>
  );
}

function GeneralSection({ userId }: { userId: string }) {
  const loaded = useLoad(() => orEmpty(api<General>(`/api/v1/profiles/${userId}`)), [userId]);
  return <Show loaded={loaded}>{(profile) => <GeneralForm userId={userId} profile={profile} />}</Show>;
}

function GeneralForm({ userId, profile }: { userId: string; profile: General | null }) {
  const [displayName, setDisplayName] = useState(profile?.display_name ?? '');
  const [bio, setBio] = useState(profile?.bio ?? '');
  const save = useAction(() => api(`/api/v1/profiles/${userId}`, { method: 'PUT', body: { display_name: displayName, bio } }));
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved((await save.run()) !== undefined);
  };
  return (
    <section aria-labelledby="about">
      <h2 id="about">About you</h2>
      <form onSubmit={submit}>
        <Field label="Display name"><input name="display_name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} /></Field>
        <Field label="Bio"><textarea name="bio" rows={3} value={bio} onChange={(e) => setBio(e.target.value)} /></Field>
        <ErrorLine error={save.error} />
        <div className="row"><button type="submit" disabled={save.busy}>Save</button>{saved && <span className="ok" role="status">Saved</span>}</div>
      </form>
    </section>
  );
}

function MentorSection({ userId }: { userId: string }) {
  const loaded = useLoad(() => orEmpty(api<MentorProfile>(`/api/v1/users/${userId}/mentor-profile`)), [userId]);
  return <Show loaded={loaded}>{(profile) => <MentorForm userId={userId} profile={profile} />}</Show>;
}

function MentorForm({ userId, profile }: { userId: string; profile: MentorProfile | null }) {
  const [form, setForm] = useState({
    headline: profile?.headline ?? '',
    specializations: (profile?.specializations ?? []).join(', '),
    hourly_rate: profile?.hourly_rate ?? '',
    currency: profile?.currency ?? 'INR',
    years_of_experience: profile?.years_of_experience?.toString() ?? '',
    is_accepting_mentees: profile?.is_accepting_mentees ?? true,
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(() => api(`/api/v1/users/${userId}/mentor-profile`, {
    method: 'PUT',
    body: {
      headline: form.headline || null,
      specializations: list(form.specializations),
      hourly_rate: form.hourly_rate,
      currency: form.currency,
      years_of_experience: form.years_of_experience === '' ? null : Number(form.years_of_experience),
      is_accepting_mentees: form.is_accepting_mentees,
    },
  }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved((await save.run()) !== undefined);
  };
  return (
    <section aria-labelledby="as-mentor">
      <h2 id="as-mentor">As a mentor</h2>
      <form onSubmit={submit}>
        <Field label="Headline"><input name="headline" value={form.headline} onChange={(e) => setForm({ ...form, headline: e.target.value })} /></Field>
        <Field label="Specializations" hint="Comma-separated, e.g. Java, System design">
          <input name="specializations" value={form.specializations} onChange={(e) => setForm({ ...form, specializations: e.target.value })} />
        </Field>
        <div className="row">
          <Field label="Hourly rate"><input name="hourly_rate" inputMode="decimal" value={form.hourly_rate}
            onChange={(e) => setForm({ ...form, hourly_rate: e.target.value })} /></Field>
          <Field label="Currency"><input name="currency" maxLength={3} value={form.currency}
            onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} /></Field>
          <Field label="Years of experience"><input name="years_of_experience" type="number" min={0} max={80}
            value={form.years_of_experience} onChange={(e) => setForm({ ...form, years_of_experience: e.target.value })} /></Field>
        </div>
        <label className="check"><input type="checkbox" checked={form.is_accepting_mentees}
          onChange={(e) => setForm({ ...form, is_accepting_mentees: e.target.checked })} /> Accepting new mentees</label>
        <ErrorLine error={save.error} />
        <div className="row"><button type="submit" disabled={save.busy}>Save mentor profile</button>{saved && <span className="ok" role="status">Saved</span>}</div>
      </form>
    </section>
  );
}

function MenteeSection({ userId }: { userId: string }) {
  const loaded = useLoad(() => orEmpty(api<MenteeProfile>(`/api/v1/users/${userId}/mentee-profile`)), [userId]);
  return <Show loaded={loaded}>{(profile) => <MenteeForm userId={userId} profile={profile} />}</Show>;
}

function MenteeForm({ userId, profile }: { userId: string; profile: MenteeProfile | null }) {
  const [goals, setGoals] = useState((profile?.learning_goals ?? []).join(', '));
  const [interests, setInterests] = useState((profile?.interests ?? []).join(', '));
  const [level, setLevel] = useState(profile?.experience_level ?? 'beginner');
  const [saved, setSaved] = useState(false);
  const save = useAction(() => api(`/api/v1/users/${userId}/mentee-profile`, {
    method: 'PUT', body: { learning_goals: list(goals), interests: list(interests), experience_level: level },
  }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved((await save.run()) !== undefined);
  };
  return (
    <section aria-labelledby="as-mentee">
      <h2 id="as-mentee">As a mentee</h2>
      <form onSubmit={submit}>
        <Field label="Learning goals" hint="Comma-separated"><input name="learning_goals" value={goals} onChange={(e) => setGoals(e.target.value)} /></Field>
        <Field label="Interests" hint="Comma-separated"><input name="interests" value={interests} onChange={(e) => setInterests(e.target.value)} /></Field>
        <Field label="Experience level">
          <select name="experience_level" value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="beginner">Beginner</option><option value="intermediate">Intermediate</option><option value="advanced">Advanced</option>
          </select>
        </Field>
        <ErrorLine error={save.error} />
        <div className="row"><button type="submit" disabled={save.busy}>Save mentee profile</button>{saved && <span className="ok" role="status">Saved</span>}</div>
      </form>
    </section>
  );
}

function PaymentMethods({ userId }: { userId: string }) {
  const loaded = useLoad(() => api<PaymentMethod[] | { items: PaymentMethod[] }>(`/api/v1/users/${userId}/payment-methods`)
    .then((body) => (Array.isArray(body) ? body : body.items)), [userId]);
  const [label, setLabel] = useState('My UPI');
  const [vpa, setVpa] = useState('');
  const add = useAction(async () => {
    await api(`/api/v1/users/${userId}/payment-methods`, { body: { label, provider: 'upi', vpa_address: vpa } });
    setVpa('');
    loaded.reload();
  });
  const primary = useAction(async (id: string) => {
    await api(`/api/v1/users/${userId}/payment-methods/${id}/set-primary`, { method: 'POST' });
    loaded.reload();
  });
  const remove = useAction(async (id: string) => {
    await api(`/api/v1/users/${userId}/payment-methods/${id}`, { method: 'DELETE' });
    loaded.reload();
  });
  return (
    <section aria-labelledby="payment-methods">
      <h2 id="payment-methods">Payment methods</h2>
      <p><small>Where your earnings are paid out (mentors) and what you pay with (mentees).</small></p>
      <Show loaded={loaded} empty={<p>No payment method yet.</p>}>
        {(methods) => (
          <ul data-testid="payment-methods">
            {methods.map((method) => (
              <li key={method.payment_method_id} className="row">
                <span className="grow">{method.label}: <b>{method.vpa_address}</b> ({method.provider}){method.is_primary && ' · primary'}</span>
                {!method.is_primary && <button type="button" className="secondary" onClick={() => primary.run(method.payment_method_id)}>Make primary</button>}
                <button type="button" className="secondary" onClick={() => remove.run(method.payment_method_id)}
                  aria-label={`Remove ${method.label}`}>Remove</button>
              </li>
            ))}
          </ul>
        )}
      </Show>
      <ErrorLine error={primary.error || remove.error} />
      <form onSubmit={(event) => { event.preventDefault(); void add.run(); }} className="row">
        <Field label="Label"><input name="label" value={label} onChange={(e) => setLabel(e.target.value)} /></Field>
        <Field label="UPI id" hint="like name@bank"><input name="vpa_address" value={vpa} onChange={(e) => setVpa(e.target.value)} /></Field>
        <button type="submit" disabled={add.busy}>Add UPI id</button>
      </form>
      <ErrorLine error={add.error} />
    </section>
  );
}
