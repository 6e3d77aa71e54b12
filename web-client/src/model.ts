// The API's shapes the pages share (snake_case, as on the wire).
export interface Money { amount: string; currency: string }

export type SessionStatus = 'proposed' | 'pending_payment' | 'scheduled' | 'in_progress' | 'completed' | 'cancelled'
  | 'no_show' | 'expired' | 'declined';

export interface SessionView {
  session_id: string;
  mentor_id: string;
  mentee_id: string;
  title: string;
  description?: string;
  scheduled_start: string;
  scheduled_end: string;
  status: SessionStatus;
  price: Money;
  hold_expires_at?: string;
  cancellation?: { cancelled_at: string; cancelled_by_role: string; reason?: string; refund_percent: number };
  next_action?: { type: string; method: string; href: string; deadline?: string };
}

export interface MentorCard {
  user_id: string;
  username: string;
  display_name?: string;
  headline?: string;
  specializations: string[];
  hourly_rate: string;
  currency: string;
  rating: string;
  total_sessions_as_mentor: number;
  years_of_experience?: number;
  is_accepting_mentees: boolean;
}

export const STATUS_LABEL: Record<SessionStatus, string> = {
  proposed: 'Proposed', pending_payment: 'Awaiting payment', scheduled: 'Scheduled', in_progress: 'In progress',
  completed: 'Completed', cancelled: 'Cancelled', no_show: 'No-show', expired: 'Expired', declined: 'Declined',
};
