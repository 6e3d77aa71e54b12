import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';

import { api, fieldMessage } from '../api';
import { useSession, type Role, type TokenResponse, type User } from '../session';
import { ErrorLine, Field, useAction } from '../ui';

export function SignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(signIn);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(login, password)) navigate(params.get('next') || '/', { replace: true });
  };
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit}>
        <Field label="Username or email">
          <input name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
        </Field>
        <Field label="Password">
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <ErrorLine error={action.error} />
        <button type="submit" disabled={action.busy}>Sign in</button>
      </form>
      <GoogleSignIn />
      <p>New here? <Link to="/signup">Create an account</Link></p>
    </main>
  );
}

export function SignUp() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', email: '', password: '' });
  const [roles, setRoles] = useState<Role[]>(['mentee']);
  const action = useAction(async () => {
    await api<User>('/api/v1/auth/register', { body: { ...form, roles }, anonymous: true });
    await signIn(form.username, form.password);
    // the verification email is sent on registration; the profile page says so until it is done
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const toggle = (role: Role) => setRoles(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run() !== undefined) navigate('/profile?welcome=1', { replace: true });
  };
  return (
    <main className="narrow">
      <h1>Create your account</h1>
      <form onSubmit={submit} noValidate>
        <Field label="Username" hint="Letters, digits, '.', '_' and '-'">
          <input name="username" autoComplete="username" required value={form.username} onChange={set('username')}
            aria-invalid={!!fieldMessage(action.error, 'username')} />
        </Field>
        {fieldMessage(action.error, 'username') && <small className="error">{fieldMessage(action.error, 'username')}</small>}
        <Field label="Email">
          <input name="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </Field>
        <Field label="Password" hint="At least 10 characters, with a digit or a symbol">
          <input name="password" type="password" autoComplete="new-password" required value={form.password}
            onChange={set('password')} />
        </Field>
        <fieldset>
          <legend>I want to</legend>
          <label className="check"><input type="checkbox" checked={roles.includes('mentee')} onChange={() => toggle('mentee')} /> learn (mentee)</label>
          <label className="check"><input type="checkbox" checked={roles.includes('mentor')} onChange={() => toggle('mentor')} /> teach (mentor)</label>
        </fieldset>
        <ErrorLine error={action.error} />
        <button type="submit" disabled={action.busy}>Sign up</button>
      </form>
      <p>Have an account? <Link to="/signin">Sign in</Link></p>
    </main>
  );
}

const GOOGLE = '/api/v1/auth/oidc/google/authorize';

/** The Google button, shown only when the platform has Google configured (its start then redirects). */
function GoogleSignIn() {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    fetch(GOOGLE, { redirect: 'manual' })
      .then((response) => setAvailable(response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)))
      .catch(() => setAvailable(false));
  }, []);
  return available ? <p><a className="button secondary" href={GOOGLE}>Sign in with Google</a></p> : null;
}

/** Where Google sends the person back (LWM_GOOGLE_REDIRECT_URI): the code and state go to the API for tokens. */
export function GoogleReturn() {
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(false); // a code is good for one exchange
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    api<TokenResponse>(`/api/v1/auth/oidc/google/callback${location.search}`, { anonymous: true })
      .then((tokens) => {
        adopt(tokens);
        navigate('/', { replace: true });
      })
      .catch(setError);
  }, [adopt, navigate]);
  return (
    <main className="narrow">
      <h1>Signing you in with Google…</h1>
      <ErrorLine error={error} />
      {error !== null && <p><Link to="/signin">Back to sign-in</Link></p>}
    </main>
  );
}
