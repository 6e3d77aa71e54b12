import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';

import { api } from '../api';
import { ChatSocket, type ChatMessage } from '../chatSocket';
import { time } from '../format';
import { useSignedIn } from '../session';
import { ErrorLine, Show, useLoad } from '../ui';
import { ReportButton } from './ModerationPage';

interface Summary {
  conversation_id: string; type: string; title?: string; unread_count: number;
  last_message?: { content?: string };
}
interface Conversation { conversation_id: string; members: { user_id: string; presence: string }[] }
interface UserView { user_id: string; username: string }

let shared: ChatSocket | null = null;

/** One socket per tab, kept across page changes; closed at sign-out by the page's unmount of the app. */
function useChat(): ChatSocket {
  shared ??= new ChatSocket();
  const socket = shared;
  useSyncExternalStore((listener) => socket.subscribe(listener), () => version(socket));
  return socket;
}
const versions = new WeakMap<ChatSocket, number>();
function version(socket: ChatSocket): number {
  if (!versions.has(socket)) {
    versions.set(socket, 0);
    socket.subscribe(() => versions.set(socket, (versions.get(socket) ?? 0) + 1));
  }
  return versions.get(socket)!;
}

export function ChatPage() {
  const { conversationId } = useParams();
  const chat = useChat();
  const conversations = useLoad(() => api<{ items: Summary[] }>('/api/v1/conversations').then((page) => page.items), [chat.state]);
  return (
    <main>
      <h1>Chat <small className="status" data-testid="chat-state">{chat.state === 'open' ? 'connected' : chat.state === 'connecting' ? 'connecting…' : 'offline, reconnecting…'}</small></h1>
      <div className="chat">
        <nav aria-label="Conversations">
          <Show loaded={conversations} empty={<p>No conversations yet. Open one from a session or a mentor's page.</p>}>
            {(items) => (
              <ul className="conversations">
                {items.map((item) => (
                  <li key={item.conversation_id}>
                    <Link to={`/chat/${item.conversation_id}`} aria-current={item.conversation_id === conversationId ? 'page' : undefined}>
                      {item.title || 'Direct conversation'}{item.unread_count > 0 && <b> ({item.unread_count})</b>}
                      <br /><small>{item.last_message?.content ?? ''}</small>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Show>
        </nav>
        {conversationId ? <Room key={conversationId} conversationId={conversationId} chat={chat} /> : <p>Choose a conversation.</p>}
      </div>
    </main>
  );
}

function Room({ conversationId, chat }: { conversationId: string; chat: ChatSocket }) {
  const { user } = useSignedIn();
  const [draft, setDraft] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const list = useRef<HTMLUListElement>(null);
  const history = useLoad(async () => {
    const page = await api<{ items: ChatMessage[] }>(`/api/v1/conversations/${conversationId}/messages`, { query: { limit: 50 } });
    chat.watch(conversationId);
    page.items.forEach((message) => chat.keep(message));
    const conversation = await api<Conversation>(`/api/v1/conversations/${conversationId}`);
    const people = await Promise.all(conversation.members.map((m) => api<UserView>(`/api/v1/users/${m.user_id}`).catch(() => null)));
    setNames(Object.fromEntries(people.filter(Boolean).map((p) => [p!.user_id, p!.username])));
    return conversation;
  }, [conversationId]);
  const messages = chat.list(conversationId);
  const newest = Math.max(0, ...messages.map((m) => m.seq ?? 0));
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
    if (newest > 0) chat.send({ type: 'read', conversation_id: conversationId, seq: newest });
  }, [newest, conversationId, chat]);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onType = (text: string) => {
    setDraft(text);
    chat.send({ type: 'typing', conversation_id: conversationId, is_typing: text.length > 0 });
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => chat.send({ type: 'typing', conversation_id: conversationId, is_typing: false }), 3000);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    chat.post(conversationId, draft.trim());
    setDraft('');
    chat.send({ type: 'typing', conversation_id: conversationId, is_typing: false });
  };
  const typing = chat.typingIn(conversationId).filter((id) => id !== user.user_id);
  const readBy = [...(chat.reads.get(conversationId)?.entries() ?? [])].filter(([id]) => id !== user.user_id);
  return (
    <section aria-label="Messages">
      <ErrorLine error={history.error} />
      <ul className="messages" ref={list} data-testid="messages" aria-live="polite">
        {messages.map((message) => {
          const mine = message.sender_id === user.user_id;
          const blocked = message.moderation_status === 'blocked';
          return (
            <li key={message.message_id} className={`${mine ? 'mine' : ''} ${blocked ? 'blocked' : ''}`} data-moderation={message.moderation_status}>
              {message.deleted ? <i>deleted</i> : <span>{message.content}</span>}
              <div className="meta">
                {names[message.sender_id] ?? (mine ? 'you' : '')} · {message.seq ? time(message.created_at) : 'sending…'}
                {blocked && <> · <b>Not delivered: {message.reason ?? 'it breaks the community rules'}</b></>}
                {message.moderation_status === 'flagged' && ' · flagged for review'}
                {mine && message.seq && readBy.some(([, seq]) => seq >= message.seq!) && ' · read'}
                {!mine && message.seq && (
                  <ReportButton compact targetType="message" targetId={message.message_id} reportedUserId={message.sender_id} />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="typing" aria-live="polite">{typing.length > 0 && `${typing.map((id) => names[id] ?? 'someone').join(', ')} is typing…`}</p>
      <form onSubmit={submit} className="row">
        <label className="grow field"><span className="visually-hidden">Message</span>
          <input name="message" autoComplete="off" placeholder="Write a message" value={draft} maxLength={4000}
            onChange={(e) => onType(e.target.value)} />
        </label>
        <button type="submit">Send</button>
      </form>
      {chat.lastError && <p className="error" role="alert">{chat.lastError}</p>}
    </section>
  );
}
