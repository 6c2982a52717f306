import { describe, expect, it } from 'vitest';
import { previousMeeting } from '../../server/domain/meeting-order.js';

const snapshot = (id: string, meetingDate: string | null, createdAt: string) => ({ id, meetingDate, createdAt });

describe('previousMeeting', () => {
  it('takes the latest meeting date before this one, whatever the order they were made in', () => {
    const march = snapshot('march', '2026-03-10', '2026-06-01T09:00:00.000Z');
    const may = snapshot('may', '2026-05-12', '2026-02-01T09:00:00.000Z');
    const june = snapshot('june', '2026-06-20', '2026-01-01T09:00:00.000Z');
    expect(previousMeeting([march, may, june], june)).toBe(may);
    expect(previousMeeting([march, may, june], may)).toBe(march);
    expect(previousMeeting([march, may, june], march)).toBeNull();
  });

  it('places a snapshot without a meeting date at the moment it was made, after a meeting on that same day', () => {
    const meeting = snapshot('meeting', '2026-05-12', '2026-05-01T09:00:00.000Z');
    const automatic = snapshot('automatic', null, '2026-05-12T15:00:00.000Z');
    const next = snapshot('next', '2026-06-20', '2026-06-01T09:00:00.000Z');
    expect(previousMeeting([meeting, automatic, next], next)).toBe(automatic);
    expect(previousMeeting([meeting, automatic, next], automatic)).toBe(meeting);
  });

  it('orders snapshots of the same meeting by when they were made', () => {
    const first = snapshot('b-first', '2026-05-12', '2026-05-01T09:00:00.000Z');
    const second = snapshot('a-second', '2026-05-12', '2026-05-02T09:00:00.000Z');
    expect(previousMeeting([first, second], second)).toBe(first);
    expect(previousMeeting([first, second], first)).toBeNull();
  });
});
