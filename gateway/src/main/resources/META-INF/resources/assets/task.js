// Run and watch: a task's status live over the WebSocket (the session cookie authenticates it),
// then its result; cancel while it is queued or running. The address stays valid: it is the task's.
import { api, isId } from './api.js';
import { layout, signInLink } from './layout.js';
import { byId, el, facts, fill, formatDuration, formatTime, statusBadge } from './dom.js';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'REJECTED']);
const POLL_MS = 2000;
const taskId = decodeURIComponent(window.location.pathname.split('/')[2] || '');
const root = byId('task');

const view = {
  status: el('p', { id: 'status', role: 'status' }),
  details: el('div'),
  actions: el('div', { class: 'inline' }),
  result: el('section', { id: 'result', 'aria-labelledby': 'result-title' }),
};
let current = null;
let resultShown = false;
let agentName = null;

function showStatus(task) {
  current = task;
  fill(view.status, 'Status: ', statusBadge(task.status));
  const agent = el('a', { href: `/agents/${encodeURIComponent(task.agentId)}`, text: task.agentId });
  agentName = agentName || api.get(`/agents/${encodeURIComponent(task.agentId)}`).then((found) => `${found.name} v${found.version}`);
  agentName.then((name) => fill(agent, name)).catch(() => {});
  fill(
    view.details,
    facts([
      ['Agent', agent],
      ['Submitted', formatTime(task.submittedAt)],
      ['Started', formatTime(task.startedAt)],
      ['Finished', formatTime(task.finishedAt)],
      ['Attempts', String(task.attempts ?? '—')],
    ]),
  );
  fill(view.actions);
  if (!TERMINAL.has(task.status)) {
    view.actions.append(el('button', { type: 'button', class: 'danger', id: 'cancel', text: 'Cancel', onclick: cancel }));
  }
}

async function cancel(event) {
  event.target.disabled = true;
  try {
    await api.del(`/tasks/${taskId}`);
    fill(view.actions, el('p', { class: 'notice', role: 'status', text: 'Cancellation sent.' }));
  } catch (error) {
    fill(view.actions, el('p', { class: 'problem', role: 'alert', text: error.message }));
  }
}

function output(title, id, text, truncated, rawPath) {
  return [
    el('h3', { id: `${id}-title`, text: title }),
    text ? el('pre', { class: 'output', id, tabindex: 0, 'aria-labelledby': `${id}-title`, text }) : el('p', { class: 'muted', id, text: '(empty)' }),
    truncated ? el('p', { class: 'notice' }, 'Truncated: the agent wrote more than the limit, and the rest was dropped. ', el('a', { href: rawPath, text: 'Download the kept bytes' })) : null,
  ];
}

/** Retries while the API answers 404: a task's events reach its record a moment after they happen. */
async function soon(request, attempts = 40) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (error.status !== 404 || attempt >= attempts) {
        throw error;
      }
      await new Promise((resolve) => window.setTimeout(resolve, 500));
    }
  }
}

async function showResult() {
  if (resultShown) {
    return;
  }
  const result = await soon(() => api.get(`/tasks/${taskId}/results`));
  resultShown = true;
  fill(
    view.result,
    el('h2', { id: 'result-title', text: 'Result' }),
    facts([
      ['Status', statusBadge(result.status)],
      ['Exit code', result.exitCode === null || result.exitCode === undefined ? '—' : String(result.exitCode)],
      ['Duration', formatDuration(result.durationMs)],
    ]),
    result.error ? el('p', { class: 'problem', id: 'error', text: result.error }) : null,
    output('Standard output', 'stdout', result.stdout, result.stdoutTruncated, `/api/v1/tasks/${taskId}/results/stdout`),
    output('Standard error', 'stderr', result.stderr, result.stderrTruncated, `/api/v1/tasks/${taskId}/results/stderr`),
  );
}

/** The task as recorded; never shown going back from an end the live events already showed. */
async function refresh() {
  const task = await soon(() => api.get(`/tasks/${taskId}`));
  if (!(current && TERMINAL.has(current.status) && !TERMINAL.has(task.status))) {
    showStatus(task);
  }
  if (TERMINAL.has(task.status)) {
    await showResult();
  }
  return task;
}

/** Polls until the task ends: the fallback when the WebSocket cannot be used. */
async function poll() {
  const task = await refresh().catch(() => current);
  if (!task || !TERMINAL.has(task.status)) {
    window.setTimeout(poll, POLL_MS);
  }
}

function watch() {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${window.location.host}/api/v1/tasks/${taskId}/events`);
  let ended = false;
  socket.addEventListener('message', (message) => {
    const event = JSON.parse(message.data);
    const base = current || { taskId, agentId: event.agentId, submittedAt: event.at };
    showStatus({
      ...base,
      status: event.status,
      startedAt: base.startedAt || (event.status === 'RUNNING' ? event.at : null),
      finishedAt: TERMINAL.has(event.status) ? event.at : base.finishedAt,
      attempts: Math.max(base.attempts || 0, event.attempt || 0),
    });
    if (TERMINAL.has(event.status) && !ended) {
      ended = true;
      showResult()
        .then(() => refresh())
        .catch((error) => fill(view.result, el('p', { class: 'problem', role: 'alert', text: error.message })));
    }
  });
  socket.addEventListener('close', () => {
    if (!ended) {
      poll();
    }
  });
}

async function show() {
  const session = await layout();
  fill(byId('task-id'), taskId);
  if (!isId(taskId)) {
    fill(root, el('p', { class: 'problem', text: 'This address names no task.' }));
    return;
  }
  if (!session.signedIn) {
    fill(root, el('p', {}, 'Tasks are private: ', el('a', { href: signInLink(), text: 'sign in' }), ' to see this one.'));
    return;
  }
  fill(root, view.status, view.details, view.actions, view.result);
  try {
    const task = await refresh();
    if (!TERMINAL.has(task.status)) {
      watch();
    }
  } catch (error) {
    fill(root, el('p', { class: 'problem', role: 'alert', text: error.status === 404 ? 'No task of yours has this id.' : error.message }));
  }
}

show();
