import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';

import { useSession, type Role } from './session';
import { CallPage } from './pages/CallPage';
import { ChatPage } from './pages/ChatPage';
import { Dashboard } from './pages/Dashboard';
import { Earnings } from './pages/Earnings';
import { AvailabilityEditor } from './pages/AvailabilityEditor';
import { Landing } from './pages/Landing';
import { MentorPage } from './pages/MentorPage';
import { MentorSearch } from './pages/MentorSearch';
import { ModerationPage } from './pages/ModerationPage';
import { ProfilePage } from './pages/ProfilePage';
import { SessionPage } from './pages/SessionPage';
import { SessionsList } from './pages/SessionsList';
import { GoogleReturn, SignIn, SignUp } from './pages/Auth';

// The lecture player (hls.js) and the admin console are most of the bundle and few visits need them.
const Lectures = lazy(() => import('./pages/Lectures').then((m) => ({ default: m.Lectures })));
const CoursePage = lazy(() => import('./pages/Lectures').then((m) => ({ default: m.CoursePage })));
const AdminConsole = lazy(() => import('./pages/AdminConsole').then((m) => ({ default: m.AdminConsole })));

const ROLE_LABEL: Record<Role, string> = { mentor: 'Mentor', mentee: 'Mentee', admin: 'Admin' };

/** The menu follows the active role: what a mentor does is not what a mentee does. */
const MENUS: Record<Role, { to: string; label: string }[]> = {
  mentee: [
    { to: '/', label: 'Dashboard' },
    { to: '/mentors', label: 'Find a mentor' },
    { to: '/sessions', label: 'Sessions' },
    { to: '/chat', label: 'Chat' },
    { to: '/lectures', label: 'Learning' },
  ],
  mentor: [
    { to: '/', label: 'Dashboard' },
    { to: '/sessions', label: 'Sessions' },
    { to: '/availability', label: 'Availability' },
    { to: '/earnings', label: 'Earnings' },
    { to: '/chat', label: 'Chat' },
    { to: '/lectures', label: 'Courses' },
  ],
  admin: [
    { to: '/', label: 'Dashboard' },
    { to: '/admin', label: 'Moderation console' },
  ],
};

function RoleSwitch() {
  const { session, switchRole } = useSession();
  const [error, setError] = useState<string | null>(null);
  if (!session) return null;
  const others = session.user.roles.filter((role) => role !== session.activeRole);
  return (
    <div className="role-switch">
      <span className={`role-badge role-${session.activeRole}`} data-testid="active-role" aria-live="polite">
        {ROLE_LABEL[session.activeRole]}
      </span>
      {others.map((role) => (
        <button key={role} type="button" className="link" onClick={() => switchRole(role).then(() => setError(null),
          (e: Error) => setError(e.message))}>
          Switch to {ROLE_LABEL[role]}
        </button>
      ))}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}

function Navigation() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <header className="top">
      <Link to="/" className="brand">LinkWithMentor</Link>
      {session && (
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="main-menu"
          onClick={() => setOpen(!open)}>
          Menu
        </button>
      )}
      {session ? (
        <nav id="main-menu" aria-label="Main" className={open ? 'open' : ''}>
          <ul>
            {MENUS[session.activeRole].map((item) => (
              <li key={item.to}><NavLink to={item.to} end={item.to === '/'}>{item.label}</NavLink></li>
            ))}
            <li><NavLink to="/moderation">Safety</NavLink></li>
            <li><NavLink to="/profile">Profile</NavLink></li>
          </ul>
          <RoleSwitch />
          <button type="button" className="link" onClick={() => signOut().then(() => navigate('/'))}>Sign out</button>
        </nav>
      ) : (
        <nav aria-label="Main">
          <ul>
            <li><NavLink to="/signin">Sign in</NavLink></li>
            <li><NavLink to="/signup">Sign up</NavLink></li>
          </ul>
        </nav>
      )}
    </header>
  );
}

function RequireSession({ children, role }: { children: ReactNode; role?: Role }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (role && session.activeRole !== role) {
    return (
      <main>
        <h1>This page is for the {ROLE_LABEL[role]} role</h1>
        <p>You are signed in as {ROLE_LABEL[session.activeRole]}. {session.user.roles.includes(role)
          ? 'Switch role in the menu to open it.' : `Your account has no ${role} role yet; add it on your profile.`}</p>
      </main>
    );
  }
  return <>{children}</>;
}

function OfflineBanner() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online ? null : <div className="offline" role="status">You are offline; changes will fail until you reconnect.</div>;
}

export function App() {
  const { session } = useSession();
  const signedIn = (page: ReactNode, role?: Role) => <RequireSession role={role}>{page}</RequireSession>;
  return (
    <>
      <a href="#content" className="skip">Skip to content</a>
      <Navigation />
      <OfflineBanner />
      <div id="content">
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
        <Routes>
          <Route path="/" element={session ? <Dashboard /> : <Landing />} />
          <Route path="/signin" element={<SignIn />} />
          <Route path="/signin/google" element={<GoogleReturn />} />
          <Route path="/signup" element={<SignUp />} />
          <Route path="/profile" element={signedIn(<ProfilePage />)} />
          <Route path="/mentors" element={signedIn(<MentorSearch />)} />
          <Route path="/mentors/:mentorId" element={signedIn(<MentorPage />)} />
          <Route path="/sessions" element={signedIn(<SessionsList />)} />
          <Route path="/sessions/:sessionId" element={signedIn(<SessionPage />)} />
          <Route path="/sessions/:sessionId/call" element={signedIn(<CallPage />)} />
          <Route path="/availability" element={signedIn(<AvailabilityEditor />, 'mentor')} />
          <Route path="/earnings" element={signedIn(<Earnings />, 'mentor')} />
          <Route path="/chat" element={signedIn(<ChatPage />)} />
          <Route path="/chat/:conversationId" element={signedIn(<ChatPage />)} />
          <Route path="/lectures" element={signedIn(<Lectures />)} />
          <Route path="/courses/:courseId" element={signedIn(<CoursePage />)} />
          <Route path="/moderation" element={signedIn(<ModerationPage />)} />
          <Route path="/admin" element={signedIn(<AdminConsole />, 'admin')} />
          <Route path="*" element={<main><h1>Not found</h1><p>No page here. <Link to="/">Home</Link></p></main>} />
        </Routes>
        </Suspense>
      </div>
    </>
  );
}
