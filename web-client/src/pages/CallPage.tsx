import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { Link, useParams } from 'react-router-dom';

import { api, ApiError, freshAccessToken, socketUrl } from '../api';
import { useSignedIn } from '../session';
import { ErrorLine, Show, useAction, useLoad } from '../ui';

interface Call { call_id: string; status: string }
interface Note { content: string; version: number }
interface Element { element_id: string; kind: string; data: { points: number[]; color: string } }

/**
 * The call: video, audio, screen share and mute come from the call page the gateway serves at
 * /call/ (framed here, same origin, sharing this tab's token), and beside it the session's shared
 * whiteboard (live over /ws/whiteboard) and notes.
 */
export function CallPage() {
  const { sessionId = '' } = useParams();
  // ?loopback=1 or ?relay=1 on this page pass to the call page (ICE on loopback or TURN only, for tests and diagnosis)
  const passOn = new URLSearchParams(location.search);
  const ice = ['loopback', 'relay'].filter((name) => passOn.get(name) === '1').map((name) => `&${name}=1`).join('');
  const call = useLoad(async () => {
    const placed = await api<Call>('/api/v1/calls', { body: { session_id: sessionId, call_type: 'video' } });
    return { ...placed, token: (await freshAccessToken()) ?? '' };
  }, [sessionId]);
  return (
    <main>
      <h1>Session call <small><Link to={`/sessions/${sessionId}`}>back to the session</Link></small></h1>
      <div className="call">
        <Show loaded={call}>
          {(placed) => (
            <iframe title="Video call" data-testid="call-frame" allow="camera; microphone; display-capture; autoplay"
              src={`/call/index.html?call_id=${placed.call_id}${ice}#access_token=${encodeURIComponent(placed.token)}`} />
          )}
        </Show>
        <div>
          <Whiteboard sessionId={sessionId} />
          <Notes sessionId={sessionId} />
        </div>
      </div>
    </main>
  );
}

function Whiteboard({ sessionId }: { sessionId: string }) {
  const { user } = useSignedIn();
  const canvas = useRef<HTMLCanvasElement>(null);
  const elements = useRef(new Map<string, Element>());
  const socket = useRef<WebSocket | null>(null);
  const drawing = useRef<number[] | null>(null);
  const [state, setState] = useState('connecting');
  const [count, setCount] = useState(0);

  const paint = () => {
    const context = canvas.current?.getContext('2d');
    if (!context || !canvas.current) return;
    context.clearRect(0, 0, canvas.current.width, canvas.current.height);
    const all = [...elements.current.values()];
    if (drawing.current) all.push({ element_id: 'local', kind: 'stroke', data: { points: drawing.current, color: '#b3261e' } });
    for (const element of all) {
      const points = element.data?.points ?? [];
      context.strokeStyle = element.data?.color ?? '#1b1f24';
      context.lineWidth = 3;
      context.beginPath();
      for (let i = 0; i + 1 < points.length; i += 2) {
        if (i === 0) context.moveTo(points[i], points[i + 1]);
        else context.lineTo(points[i], points[i + 1]);
      }
      context.stroke();
    }
    setCount(elements.current.size);
  };

  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout>;
    const open = async () => {
      const url = await socketUrl('/ws/whiteboard', { session_id: sessionId });
      if (stopped || !url) return;
      const ws = new WebSocket(url);
      socket.current = ws;
      ws.onmessage = (event) => {
        const frame = JSON.parse(event.data as string);
        if (frame.type === 'snapshot') {
          setState('live');
          elements.current = new Map((frame.elements as Element[]).map((e) => [e.element_id, e]));
        } else if (frame.type === 'ops_applied') {
          for (const op of frame.ops as (Element & { op: string })[]) {
            if (op.op === 'delete') elements.current.delete(op.element_id);
            else elements.current.set(op.element_id, op);
          }
        } else if (frame.type === 'board_closed') {
          setState('closed (the session ended)');
        }
        paint();
      };
      ws.onclose = () => {
        if (stopped) return;
        setState('reconnecting');
        retry = setTimeout(() => void open(), 2000);
      };
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket.current?.close(1000);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId]);

  const at = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return [Math.round((event.clientX - box.left) * (event.currentTarget.width / box.width)),
      Math.round((event.clientY - box.top) * (event.currentTarget.height / box.height))];
  };
  const finish = () => {
    const points = drawing.current;
    drawing.current = null;
    if (!points || points.length < 4) return;
    const element: Element = { element_id: `${user.user_id.slice(0, 8)}-${crypto.randomUUID()}`, kind: 'stroke', data: { points, color: '#1b1f24' } };
    elements.current.set(element.element_id, element);
    socket.current?.send(JSON.stringify({ type: 'ops', client_batch_id: crypto.randomUUID(), ops: [{ op: 'add', ...element }] }));
    paint();
  };
  return (
    <section aria-labelledby="board">
      <h2 id="board">Whiteboard <small className="status" data-testid="whiteboard-state">{state}</small></h2>
      <canvas ref={canvas} className="whiteboard" width={800} height={600} data-testid="whiteboard" data-elements={count}
        aria-label="Shared whiteboard: draw with the pointer"
        onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); drawing.current = at(e); }}
        onPointerMove={(e) => { if (drawing.current) { drawing.current.push(...at(e)); paint(); } }}
        onPointerUp={finish} onPointerLeave={finish} />
    </section>
  );
}

function Notes({ sessionId }: { sessionId: string }) {
  const loaded = useLoad(() => api<Note>(`/api/v1/sessions/${sessionId}/notes`).catch((e) => {
    if (e instanceof ApiError && e.status === 404) return { content: '', version: 0 };
    throw e;
  }), [sessionId]);
  return <Show loaded={loaded}>{(note) => <NoteEditor sessionId={sessionId} note={note} />}</Show>;
}

function NoteEditor({ sessionId, note }: { sessionId: string; note: Note }) {
  const [content, setContent] = useState(note.content);
  const [version, setVersion] = useState(note.version);
  const save = useAction(async () => {
    const saved = await api<Note>(`/api/v1/sessions/${sessionId}/notes`, { method: 'PUT', body: { content, version } });
    setVersion(saved.version);
  });
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">Shared notes</h2>
      <label className="field"><span className="visually-hidden">Notes</span>
        <textarea rows={6} value={content} onChange={(e) => setContent(e.target.value)} /></label>
      <button type="button" className="secondary" onClick={() => save.run()} disabled={save.busy}>Save notes</button>
      <ErrorLine error={save.error} />
    </section>
  );
}
