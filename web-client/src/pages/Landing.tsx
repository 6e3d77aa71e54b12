import { Link } from 'react-router-dom';

export function Landing() {
  return (
    <main className="landing">
      <h1>Learn from someone who knows. Teach what you know.</h1>
      <p>Anyone can be a mentor in what they know and a mentee in what they want to learn: find a mentor,
        book and pay for a session, chat, meet on a video call with a shared whiteboard, and watch recorded lectures.</p>
      <p className="actions">
        <Link className="button" to="/signup">Get started</Link> <Link to="/signin">Sign in</Link>
      </p>
      <p className="small">Install it: your browser's “Install app” or “Add to home screen” makes this the mobile and desktop app.</p>
    </main>
  );
}
