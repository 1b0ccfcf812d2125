// My tasks: the signed-in user's tasks, newest first, filtered by status, each linking to its page.
import { api } from './api.js';
import { layout, signInLink } from './layout.js';
import { byId, el, fill, formatTime, statusBadge } from './dom.js';

const params = new URLSearchParams(window.location.search);
const names = new Map();

function agentLink(agentId) {
  const link = el('a', { href: `/agents/${encodeURIComponent(agentId)}`, text: agentId.slice(0, 8) });
  if (!names.has(agentId)) {
    names.set(agentId, api.get(`/agents/${encodeURIComponent(agentId)}`).then((agent) => `${agent.name} v${agent.version}`));
  }
  names.get(agentId).then((name) => fill(link, name)).catch(() => {});
  return link;
}

function row(task) {
  return el(
    'tr',
    {},
    el('td', { 'data-label': 'Task' }, el('a', { href: `/tasks/${encodeURIComponent(task.taskId)}` }, el('code', { text: task.taskId.slice(0, 8) }))),
    el('td', { 'data-label': 'Agent' }, agentLink(task.agentId)),
    el('td', { 'data-label': 'Status' }, statusBadge(task.status)),
    el('td', { 'data-label': 'Submitted', text: formatTime(task.submittedAt) }),
    el('td', { 'data-label': 'Finished', text: formatTime(task.finishedAt) }),
  );
}

async function show() {
  const session = await layout();
  const root = byId('tasks');
  byId('status').value = params.get('status') || '';
  if (!session.signedIn) {
    fill(root, el('p', {}, el('a', { href: signInLink(), text: 'Sign in' }), ' to see your tasks.'));
    return;
  }
  try {
    const page = await api.get('/tasks', { status: params.get('status') || '', cursor: params.get('cursor') || '', limit: 25 });
    if (!page.items.length) {
      fill(root, el('p', { class: 'muted', text: 'No task yet. Find an agent and run it.' }));
    } else {
      const head = el('thead', {}, el('tr', {}, ['Task', 'Agent', 'Status', 'Submitted', 'Finished'].map((name) => el('th', { scope: 'col', text: name }))));
      fill(root, el('table', { class: 'stack' }, el('caption', { class: 'muted', text: 'Newest first' }), head, el('tbody', {}, page.items.map(row))));
    }
    const pager = byId('pager');
    if (params.get('cursor')) {
      const first = new URLSearchParams(params);
      first.delete('cursor');
      pager.append(el('a', { href: `/tasks?${first}`, text: '← First page' }));
    }
    if (page.nextCursor) {
      const next = new URLSearchParams(params);
      next.set('cursor', page.nextCursor);
      pager.append(el('a', { href: `/tasks?${next}`, rel: 'next', text: 'Next page →' }));
    }
  } catch (error) {
    fill(root, el('p', { class: 'problem', role: 'alert', text: error.message }));
  }
}

show();
