// Account: sign up, sign in and out (the gateway keeps the session in an HttpOnly cookie), and API
// keys for scripts and the command line: created (shown once), listed and revoked.
import { api, request, setSession } from './api.js';
import { layout } from './layout.js';
import { byId, clearErrors, el, fill, formatTime, showError } from './dom.js';

const root = byId('account');

/** Where to go after signing in: a path on this site only. */
function next() {
  const target = new URLSearchParams(window.location.search).get('next') || '';
  return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : null;
}

function field(id, label, control) {
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), control);
}

function credentialsForm(id, title, action, submitText) {
  const form = el(
    'form',
    { id, 'aria-labelledby': `${id}-title`, novalidate: true },
    field(`${id}-username`, 'Username', el('input', { id: `${id}-username`, name: 'username', type: 'text', autocomplete: 'username', required: true, 'data-field': 'username' })),
    field(`${id}-password`, 'Password', el('input', { id: `${id}-password`, name: 'password', type: 'password', autocomplete: id === 'signup' ? 'new-password' : 'current-password', required: true, 'data-field': 'password' })),
    el('div', {}, el('button', { type: 'submit', text: submitText })),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const credentials = { username: form.elements.namedItem('username').value, password: form.elements.namedItem('password').value };
    try {
      const session = await request('POST', action, { json: credentials });
      setSession(session);
      if (session.apiKey || !next()) {
        await show(session.apiKey);
      } else {
        window.location.assign(next());
      }
    } catch (error) {
      showError(form, error);
    }
  });
  return el('section', { class: 'card' }, el('h2', { id: `${id}-title`, text: title }), form);
}

function shownOnce(key, label) {
  return el('div', { class: 'notice', role: 'status', id: 'new-key' }, el('p', { text: `${label} It is shown only this once: copy it now.` }), el('code', { class: 'secret', id: 'new-key-value', text: key }));
}

async function keyTable(list) {
  const page = await api.get('/users/me/api-keys');
  const rows = page.items.map((key) =>
    el(
      'tr',
      {},
      el('td', { 'data-label': 'Key' }, el('code', { text: `${key.prefix || key.id.slice(0, 8)}…` })),
      el('td', { 'data-label': 'Created', text: formatTime(key.createdAt) }),
      el('td', { 'data-label': 'Action' }, el('button', { type: 'button', class: 'danger', 'aria-label': `Revoke key ${key.prefix || key.id}`, text: 'Revoke', onclick: () => revoke(key, list) })),
    ),
  );
  fill(list, rows.length ? el('table', { class: 'stack', id: 'keys' }, el('thead', {}, el('tr', {}, ['Key', 'Created', ''].map((name) => el('th', { scope: 'col', text: name })))), el('tbody', {}, rows)) : el('p', { class: 'muted', id: 'keys', text: 'No API keys.' }));
}

async function revoke(key, list) {
  try {
    await api.del(`/users/me/api-keys/${encodeURIComponent(key.id)}`);
    await keyTable(list);
  } catch (error) {
    list.prepend(el('p', { class: 'problem', role: 'alert', text: error.message }));
  }
}

function signedIn(session, firstKey) {
  const list = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  const created = el('div', { 'aria-live': 'polite' }, firstKey ? shownOnce(firstKey, 'Welcome! This is your first API key, for scripts and the command line.') : null);
  const create = el('button', { type: 'button', id: 'create-key', text: 'Create an API key' });
  create.addEventListener('click', async () => {
    try {
      const key = await api.post('/users/me/api-keys');
      fill(created, shownOnce(key.apiKey, 'Your new API key.'));
      await keyTable(list);
    } catch (error) {
      fill(created, el('p', { class: 'problem', role: 'alert', text: error.message }));
    }
  });
  const signOut = el('button', { type: 'button', class: 'secondary', id: 'sign-out', text: 'Sign out' });
  signOut.addEventListener('click', async () => {
    await request('DELETE', '/session').catch(() => {});
    setSession({ signedIn: false });
    window.location.assign('/account');
  });
  fill(
    root,
    el('p', {}, 'Signed in as ', el('strong', { id: 'username', text: session.username }), `, until ${formatTime(session.expiresAt)}.`),
    el('div', { class: 'inline' }, signOut),
    el('h2', { text: 'API keys' }),
    el('p', { class: 'hint', text: 'Send a key as "Authorization: Bearer <key>" from scripts, or give it to ./agentry as AGENTRY_API_KEY. A revoked key stops working at once.' }),
    created,
    el('div', {}, create),
    list,
  );
  keyTable(list).catch((error) => fill(list, el('p', { class: 'problem', text: error.message })));
}

async function show(firstKey) {
  const session = await layout();
  if (session.signedIn) {
    signedIn(session, firstKey);
    return;
  }
  fill(
    root,
    el(
      'div',
      { class: 'columns' },
      credentialsForm('signin', 'Sign in', '/session', 'Sign in'),
      credentialsForm('signup', 'Create an account', '/session/register', 'Create account'),
    ),
    el('p', { class: 'hint', text: 'Usernames: 3 to 64 letters, digits, dot, dash or underscore. Passwords: at least 8 characters.' }),
  );
}

show();
