// /ws/chat for one browser tab: connects with the access token (browsers cannot set headers),
// reconnects with backoff when the socket drops, and after every `ready` resumes each open
// conversation from the last seq it holds, so a tab that was offline catches up with nothing
// missed or shown twice. Messages are kept per conversation by seq.
import { socketUrl } from './api';

export interface ChatMessage {
  conversation_id: string;
  message_id: string;
  seq?: number;
  sender_id: string;
  client_msg_id?: string;
  content?: string;
  moderation_status: 'approved' | 'flagged' | 'pending' | 'blocked';
  created_at: string;
  deleted?: boolean;
  reason?: string;
}

export type ChatState = 'connecting' | 'open' | 'closed';

type Listener = () => void;

export class ChatSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<Listener>();
  readonly messages = new Map<string, Map<string, ChatMessage>>();
  readonly typing = new Map<string, Map<string, number>>();
  readonly reads = new Map<string, Map<string, number>>();
  state: ChatState = 'connecting';
  lastError: string | null = null;
  me: string | null = null;

  constructor() {
    void this.connect();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.state = 'connecting';
    this.changed();
    const url = await socketUrl('/ws/chat');
    if (!url || this.stopped) return; // signed out
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(JSON.parse(event.data as string));
    socket.onclose = () => {
      clearInterval(this.heartbeat);
      this.state = 'closed';
      this.changed();
      if (this.stopped) return;
      const delay = Math.min(10_000, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => void this.connect(), delay);
    };
  }

  private receive(frame: Record<string, unknown> & { type: string }): void {
    switch (frame.type) {
      case 'ready': {
        this.attempt = 0;
        this.state = 'open';
        this.me = frame.user_id as string;
        this.heartbeat = setInterval(() => this.send({ type: 'ping' }), ((frame.heartbeat_seconds as number) || 30) * 900);
        // catch up on what was said while away, for every conversation already on screen
        for (const [conversation, byId] of this.messages) {
          const last = Math.max(0, ...[...byId.values()].map((m) => m.seq ?? 0));
          this.send({ type: 'resume', conversation_id: conversation, last_seq: last });
          // sent while offline, or sent and never acknowledged: the same client_msg_id is stored once
          for (const message of byId.values()) {
            if (message.message_id.startsWith('pending:')) {
              this.send({ type: 'send', conversation_id: conversation, client_msg_id: message.client_msg_id, content: message.content });
            }
          }
        }
        break;
      }
      case 'message':
        this.keep(frame as unknown as ChatMessage);
        break;
      case 'ack': {
        const ack = frame as unknown as ChatMessage & { seq?: number };
        const pending = this.find(ack.conversation_id, `pending:${ack.client_msg_id}`);
        if (pending) {
          this.messages.get(ack.conversation_id)!.delete(`pending:${ack.client_msg_id}`);
          if (ack.moderation_status === 'blocked') {
            // reason: {message, categories} (or a plain sentence)
            const reason = frame.reason as string | { message?: string } | undefined;
            this.keep({ ...pending, message_id: ack.message_id, moderation_status: 'blocked',
              reason: typeof reason === 'object' ? reason?.message : reason });
          } else if (!this.find(ack.conversation_id, ack.message_id)) {
            this.keep({ ...pending, message_id: ack.message_id, seq: ack.seq, moderation_status: ack.moderation_status,
              created_at: ack.created_at });
          }
        }
        break;
      }
      case 'message_moderated': {
        const known = this.find(frame.conversation_id as string, frame.message_id as string);
        if (known) this.keep({ ...known, moderation_status: frame.moderation_status as ChatMessage['moderation_status'] });
        break;
      }
      case 'message_deleted': {
        const known = this.find(frame.conversation_id as string, frame.message_id as string);
        if (known) this.keep({ ...known, deleted: true, content: undefined });
        break;
      }
      case 'typing': {
        const room = this.typing.get(frame.conversation_id as string) ?? new Map<string, number>();
        if (frame.is_typing) room.set(frame.user_id as string, Date.now());
        else room.delete(frame.user_id as string);
        this.typing.set(frame.conversation_id as string, room);
        break;
      }
      case 'read': {
        const room = this.reads.get(frame.conversation_id as string) ?? new Map<string, number>();
        room.set(frame.user_id as string, frame.seq as number);
        this.reads.set(frame.conversation_id as string, room);
        break;
      }
      case 'resumed':
        if (frame.has_more) this.send({ type: 'resume', conversation_id: frame.conversation_id, last_seq: frame.last_seq });
        break;
      case 'error':
        this.lastError = frame.message as string;
        break;
      default:
        break;
    }
    this.changed();
  }

  private find(conversation: string, id: string): ChatMessage | undefined {
    return this.messages.get(conversation)?.get(id);
  }

  /** Adds or replaces a message (from history, live, or resumed). */
  keep(message: ChatMessage): void {
    const room = this.messages.get(message.conversation_id) ?? new Map<string, ChatMessage>();
    room.set(message.message_id, message);
    this.messages.set(message.conversation_id, room);
  }

  /** A conversation's messages in seq order, unsent ones last. */
  list(conversation: string): ChatMessage[] {
    return [...(this.messages.get(conversation)?.values() ?? [])]
      .sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  }

  watch(conversation: string): void {
    if (!this.messages.has(conversation)) this.messages.set(conversation, new Map());
  }

  typingIn(conversation: string): string[] {
    const now = Date.now();
    return [...(this.typing.get(conversation)?.entries() ?? [])].filter(([, at]) => now - at < 5000).map(([user]) => user);
  }

  post(conversation: string, content: string): void {
    const clientMsgId = crypto.randomUUID();
    this.keep({ conversation_id: conversation, message_id: `pending:${clientMsgId}`, sender_id: this.me ?? '',
      client_msg_id: clientMsgId, content, moderation_status: 'pending', created_at: new Date().toISOString() });
    this.send({ type: 'send', conversation_id: conversation, client_msg_id: clientMsgId, content });
    this.changed();
  }

  send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.socket?.close(1000);
  }
}
