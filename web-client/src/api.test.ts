import { describe, expect, it } from 'vitest';

import { ApiError, describe as describeError, secondsLeft, withQuery } from './api';

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/mentors', { q: 'java & c', limit: 20, cursor: undefined, min_rating: '' }))
      .toBe('/api/v1/mentors?q=java+%26+c&limit=20');
  });
  it('appends to a path that has a query', () => {
    expect(withQuery('/x?a=1', { b: 2 })).toBe('/x?a=1&b=2');
  });
});

describe('ApiError', () => {
  it('reads the server message and names every wrong field after the first', () => {
    const error = new ApiError(400, {
      error_code: 'VALIDATION_ERROR', message: 'username: size must be between 3 and 50',
      details: { fields: [{ field: 'username', message: 'size must be between 3 and 50' }, { field: 'email', message: 'must be a valid email address' }] },
    });
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toBe('username: size must be between 3 and 50 (also: email must be a valid email address)');
  });
  it('says the server cannot be reached when there was no answer', () => {
    expect(describeError(0, {})).toMatch(/cannot be reached/);
    expect(new ApiError(502, {}).code).toBe('HTTP_502');
  });
});

describe('secondsLeft', () => {
  const jwt = (payload: object) => `e30.${btoa(JSON.stringify(payload)).replace(/=+$/, '')}.sig`;

  it('reads exp from the token', () => {
    expect(secondsLeft(jwt({ exp: 1_000 }), 940_000)).toBe(60);
  });

  it('counts an unreadable token as expired', () => {
    expect(secondsLeft('not-a-jwt')).toBe(0);
    expect(secondsLeft(jwt({ sub: 'x' }))).toBe(0);
  });
});
