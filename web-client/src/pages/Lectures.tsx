import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';

import { api, ApiError } from '../api';
import { money } from '../format';
import { useSignedIn } from '../session';
import { upload } from '../tus';
import { ErrorLine, Field, Show, useAction, useLoad } from '../ui';
import { ReportButton } from './ModerationPage';

interface Course {
  course_id: string; mentor_id: string; title: string; description: string; price?: { amount: string; currency: string };
  free: boolean; visibility: string; lecture_count: number;
}
interface Lecture { lecture_id: string; title: string; position: number; status: string; progress_percent: number; free_preview: boolean; failure_reason?: string }
interface Progress { completion_percent: number; lectures: { lecture_id: string; position_seconds: number; watched_percent: number }[] }

export function Lectures() {
  const { activeRole, user } = useSignedIn();
  const [q, setQ] = useState('');
  const mine = activeRole === 'mentor';
  const courses = useLoad(() => api<{ items: Course[] }>('/api/v1/courses', { query: { q, mentor_id: mine ? user.user_id : undefined } })
    .then((p) => p.items), [q, mine]);
  const [title, setTitle] = useState('');
  const create = useAction(async () => {
    await api('/api/v1/courses', { body: { title, visibility: 'draft' } });
    setTitle('');
    courses.reload();
  });
  return (
    <main>
      <h1>{mine ? 'Your courses' : 'Courses and lectures'}</h1>
      {!mine && <Field label="Search courses"><input type="search" value={q} onChange={(e) => setQ(e.target.value)} /></Field>}
      {mine && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
          <Field label="New course title"><input value={title} onChange={(e) => setTitle(e.target.value)} required /></Field>
          <button type="submit" disabled={create.busy}>Create course</button>
        </form>
      )}
      <ErrorLine error={create.error} />
      <Show loaded={courses} empty={<p>No courses yet.</p>}>
        {(items) => (
          <ul className="cards">
            {items.map((course) => (
              <li key={course.course_id} className="card">
                <h3><Link to={`/courses/${course.course_id}`}>{course.title}</Link></h3>
                <p><small>{course.lecture_count} lectures · {course.free ? 'free' : money(course.price?.amount, course.price?.currency)}
                  {mine && ` · ${course.visibility}`}</small></p>
              </li>
            ))}
          </ul>
        )}
      </Show>
    </main>
  );
}

export function CoursePage() {
  const { courseId = '' } = useParams();
  const { user } = useSignedIn();
  const course = useLoad(() => api<Course>(`/api/v1/courses/${courseId}`), [courseId]);
  const lectures = useLoad(() => api<Lecture[] | { items: Lecture[] }>(`/api/v1/courses/${courseId}/lectures`)
    .then((b) => (Array.isArray(b) ? b : b.items)), [courseId]);
  const progress = useLoad(() => api<Progress>(`/api/v1/courses/${courseId}/progress`).catch((e) => {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
    throw e;
  }), [courseId]);
  const [playing, setPlaying] = useState<string | null>(null);
  const enroll = useAction(async () => {
    await api(`/api/v1/courses/${courseId}/enroll`, { method: 'POST' });
    progress.reload();
  });
  return (
    <main>
      <Show loaded={course}>
        {(c) => {
          const owner = c.mentor_id === user.user_id;
          return (
            <>
              <h1>{c.title}</h1>
              <p>{c.description}</p>
              {progress.data && <p>Completed: <progress max={100} value={progress.data.completion_percent} /> {progress.data.completion_percent} %</p>}
              {!owner && !progress.data && <button type="button" onClick={() => enroll.run()} disabled={enroll.busy}>
                Enroll{c.free ? ' (free)' : ` for ${money(c.price?.amount, c.price?.currency)}`}</button>}
              <ErrorLine error={enroll.error} />
              {playing && <Player lectureId={playing} start={progress.data?.lectures.find((l) => l.lecture_id === playing)?.position_seconds ?? 0} />}
              <Show loaded={lectures} empty={<p>No lectures yet.</p>}>
                {(items) => (
                  <ol>
                    {items.map((lecture) => (
                      <li key={lecture.lecture_id} className="row">
                        <span className="grow">{lecture.title} <small>({lecture.status}{lecture.status === 'processing' && ` ${lecture.progress_percent} %`})</small></span>
                        {lecture.status === 'ready' && <button type="button" className="secondary" onClick={() => setPlaying(lecture.lecture_id)}>Play</button>}
                        {owner && lecture.status !== 'ready' && <UploadButton lectureId={lecture.lecture_id} onDone={lectures.reload} />}
                        {lecture.status === 'processing' && <progress max={100} value={lecture.progress_percent} aria-label="Transcoding" />}
                        {!owner && <ReportButton compact targetType="lecture" targetId={lecture.lecture_id} reportedUserId={c.mentor_id} />}
                      </li>
                    ))}
                  </ol>
                )}
              </Show>
              {owner && <NewLecture courseId={courseId} onDone={lectures.reload} />}
            </>
          );
        }}
      </Show>
    </main>
  );
}

function NewLecture({ courseId, onDone }: { courseId: string; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const add = useAction(async () => {
    await api(`/api/v1/courses/${courseId}/lectures`, { body: { title } });
    setTitle('');
    onDone();
  });
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); void add.run(); }}>
      <Field label="New lecture title"><input value={title} onChange={(e) => setTitle(e.target.value)} required /></Field>
      <button type="submit" disabled={add.busy}>Add lecture</button>
      <ErrorLine error={add.error} />
    </form>
  );
}

function UploadButton({ lectureId, onDone }: { lectureId: string; onDone: () => void }) {
  const [sent, setSent] = useState<[number, number] | null>(null);
  const send = useAction(async (file: File) => {
    await upload(lectureId, file, (done, total) => setSent([done, total]));
    onDone();
  });
  return (
    <span>
      <label className="button secondary">Upload video<input type="file" accept="video/*" className="visually-hidden"
        onChange={(e) => e.target.files?.[0] && void send.run(e.target.files[0])} /></label>
      {sent && <progress max={sent[1]} value={sent[0]} aria-label="Upload" />}
      <ErrorLine error={send.error} />
    </span>
  );
}

/** hls.js where the browser has no native HLS (Chromium); resumes at the saved position, saves it every 10 s. */
function Player({ lectureId, start }: { lectureId: string; start: number }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let hls: Hls | null = null;
    let saver: ReturnType<typeof setInterval>;
    let from = start;
    api<{ url: string }>(`/api/v1/lectures/${lectureId}/playback`).then((playback) => {
      const element = video.current!;
      if (element.canPlayType('application/vnd.apple.mpegurl')) element.src = playback.url;
      else if (Hls.isSupported()) {
        hls = new Hls();
        hls.loadSource(playback.url);
        hls.attachMedia(element);
      }
      element.currentTime = start;
      saver = setInterval(() => {
        if (element.paused) return;
        const to = element.currentTime;
        void api(`/api/v1/lectures/${lectureId}/progress`, { method: 'PUT', body: { position_seconds: to, watched: [[Math.min(from, to), to]] } })
          .catch(() => undefined);
        from = to;
      }, 10_000);
    }, setError);
    return () => {
      clearInterval(saver);
      hls?.destroy();
    };
  }, [lectureId, start]);
  return (
    <>
      <video ref={video} className="player" controls playsInline data-testid="player" />
      <ErrorLine error={error} />
    </>
  );
}
