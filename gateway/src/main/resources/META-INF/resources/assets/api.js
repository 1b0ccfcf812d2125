// The public API and the browser's session, as every page uses them. The session cookie is
// HttpOnly: no script here ever sees a credential. State-changing requests carry the session's
// CSRF token, which the gateway checks together with the request's origin.

let sessionPromise = null;

/** The session: {signedIn, userId, username, expiresAt, csrfToken}. */
export function currentSession() {
  if (!sessionPromise) {
    sessionPromise = fetch('/session', { headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : { signedIn: false }))
      .catch(() => ({ signedIn: false }));
  }
  return sessionPromise;
}

/** Replaces the known session (after signing in, up or out). */
export function setSession(session) {
  sessionPromise = Promise.resolve(session);
}

/** An API problem (RFC 9457): status, type, title, detail and per-field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The request failed (HTTP ${status}).`);
    this.status = status;
    this.problem = problem;
  }

  get type() {
    return this.problem.type || '';
  }

  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function url(path, query) {
  const target = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) {
      if (one !== undefined && one !== null && one !== '') {
        target.searchParams.append(name, one);
      }
    }
  }
  return target;
}

/** The headers a state-changing request needs: the CSRF token of the session, if any. */
export async function csrfHeaders() {
  const session = await currentSession();
  return session.csrfToken ? { 'X-CSRF-Token': session.csrfToken } : {};
}

/** Sends a request to the gateway; resolves with the JSON body, rejects with an ApiError. */
export async function request(method, path, { query, json, headers } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...(headers || {}) } };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD') {
    Object.assign(init.headers, await csrfHeaders());
  }
  let response;
  try {
    response = await fetch(url(path, query), init);
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached.' });
  }
  return readResponse(response.status, response.headers.get('Content-Type'), () => response.text());
}

/** The outcome of a response: its JSON body, or an ApiError. Shared with upload requests. */
export async function readResponse(status, contentType, bodyText) {
  if (status === 204) {
    return null;
  }
  const text = await bodyText();
  let body = null;
  if ((contentType || '').includes('json') && text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (status >= 200 && status < 300) {
    return body;
  }
  throw new ApiError(status, body && typeof body === 'object' ? body : { title: `HTTP ${status}` });
}

/** The public API under /api/v1. */
export const api = {
  get: (path, query) => request('GET', `/api/v1${path}`, { query }),
  post: (path, json) => request('POST', `/api/v1${path}`, { json }),
  put: (path, json) => request('PUT', `/api/v1${path}`, { json }),
  patch: (path, json) => request('PATCH', `/api/v1${path}`, { json }),
  del: (path) => request('DELETE', `/api/v1${path}`),
};

/** True for a UUID as the API writes ids. */
export function isId(value) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value || '');
}
