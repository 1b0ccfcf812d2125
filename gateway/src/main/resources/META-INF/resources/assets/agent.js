// Agent: what it does, who owns it, how it runs (statistics), its versions and ratings; the run
// form for signed-in users, rating for everyone else signed in, and edit for its owner.
import { api, isId } from './api.js';
import { layout, signInLink } from './layout.js';
import {
  byId, clearErrors, el, facts, fill, formatDuration, formatPrice, formatRate, formatRating,
  formatTime, ownerLabel, showError,
} from './dom.js';
import { runForm } from './run.js';

const agentId = decodeURIComponent(window.location.pathname.split('/')[2] || '');
const root = byId('agent');

function list(values) {
  return values.length ? el('ul', { class: 'tags' }, values.map((value) => el('li', { text: value }))) : el('p', { class: 'muted', text: 'None' });
}

function summary(agent) {
  return facts([
    ['Version', agent.version],
    ['Status', agent.status],
    ['Owner', ownerLabel(agent)],
    ['Price', formatPrice(agent.price)],
    ['Rating', el('span', { id: 'rating-text', text: formatRating(agent.rating, agent.ratingCount) })],
    ['Published', formatTime(agent.createdAt)],
  ]);
}

function statistics(stats) {
  return facts([
    ['Runs', String(stats.tasksCompleted)],
    ['Succeeded', String(stats.tasksSucceeded)],
    ['Failed', String(stats.tasksFailed)],
    ['Timed out', String(stats.tasksTimedOut)],
    ['Success rate', formatRate(stats.successRate)],
    ['p50 duration', formatDuration(stats.p50DurationMs)],
    ['p95 duration', formatDuration(stats.p95DurationMs)],
    ['Last run', formatTime(stats.lastRunAt)],
  ]);
}

function versions(page, current) {
  return el(
    'ol',
    {},
    page.items.map((version) =>
      el(
        'li',
        {},
        version.id === current
          ? el('strong', { 'aria-current': 'page', text: `v${version.version} (this version)` })
          : el('a', { href: `/agents/${encodeURIComponent(version.id)}`, text: `v${version.version}` }),
        ` · ${version.status} · ${formatTime(version.createdAt)}`,
      ),
    ),
  );
}

function ratingForm(agent) {
  const choices = [1, 2, 3, 4, 5].map((score) =>
    el('label', { class: 'inline' }, el('input', { type: 'radio', name: 'score', value: score, required: true, 'data-field': 'score', id: `score-${score}` }), ` ${score}`),
  );
  const done = el('p', { class: 'notice hidden', role: 'status' });
  const form = el(
    'form',
    { id: 'rate', 'aria-labelledby': 'rate-title' },
    el('fieldset', {}, el('legend', { text: 'Your score, from 1 (poor) to 5 (excellent)' }), el('div', { class: 'inline' }, choices)),
    el('div', {}, el('button', { type: 'submit', text: 'Rate' })),
    done,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const score = form.elements.namedItem('score').value;
    try {
      const rated = await api.put(`/agents/${encodeURIComponent(agent.id)}/rating`, { score: Number(score) });
      fill(byId('rating-text'), formatRating(rated.rating, rated.ratingCount));
      fill(done, `Thank you: you rated this agent ${score} of 5.`);
      done.classList.remove('hidden');
    } catch (error) {
      showError(form, error);
    }
  });
  return [el('h2', { id: 'rate-title', text: 'Rate this agent' }), form];
}

function field(id, label, control, hint) {
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), control, hint ? el('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null);
}

function editForm(agent) {
  const status = el('select', { id: 'edit-status', name: 'status', 'data-field': 'status' }, ['active', 'deprecated', 'disabled'].map((value) => el('option', { value, selected: value === agent.status, text: value })));
  const done = el('p', { class: 'notice hidden', role: 'status' });
  const form = el(
    'form',
    { id: 'edit', 'aria-labelledby': 'edit-title' },
    field('edit-description', 'Description', el('textarea', { id: 'edit-description', name: 'description', maxlength: 4000, 'data-field': 'description', text: agent.description })),
    field('edit-capabilities', 'Capabilities', el('input', { id: 'edit-capabilities', name: 'capabilities', type: 'text', value: agent.capabilities.join(', '), 'data-field': 'capabilities', 'aria-describedby': 'edit-capabilities-hint' }), 'Separated by commas.'),
    el('div', { class: 'row' }, field('edit-price', 'Price', el('input', { id: 'edit-price', name: 'price', type: 'number', min: 0, step: '0.01', value: agent.price, 'data-field': 'price' })), field('edit-status', 'Status', status)),
    el('div', { class: 'inline' }, el('button', { type: 'submit', text: 'Save changes' }), el('a', { class: 'button secondary', href: `/publish?from=${encodeURIComponent(agent.id)}`, text: 'Publish a new version' })),
    done,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const patch = {
      description: form.elements.namedItem('description').value,
      capabilities: form.elements.namedItem('capabilities').value.split(',').map((value) => value.trim()).filter(Boolean),
      price: Number(form.elements.namedItem('price').value || 0),
      status: status.value,
    };
    try {
      await api.patch(`/agents/${encodeURIComponent(agent.id)}`, patch);
      fill(done, 'Saved.');
      done.classList.remove('hidden');
      window.setTimeout(() => window.location.reload(), 600);
    } catch (error) {
      showError(form, error);
    }
  });
  return [el('h2', { id: 'edit-title', text: 'Edit (you own this agent)' }), form];
}

async function show() {
  const session = await layout();
  if (!isId(agentId)) {
    fill(root, el('h1', { text: 'Agent not found' }), el('p', { text: 'This address names no agent.' }));
    return;
  }
  let agent;
  try {
    agent = await api.get(`/agents/${agentId}`);
  } catch (error) {
    fill(root, el('h1', { text: error.status === 404 ? 'Agent not found' : 'The agent could not be loaded' }), el('p', { class: 'problem', role: 'alert', text: error.message }));
    return;
  }
  document.title = `${agent.name} · Agentry`;
  const owner = session.signedIn && session.userId === agent.ownerId;
  const stats = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  const versionList = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  fill(
    root,
    el('h1', {}, agent.name, ' ', el('span', { class: 'version', text: `v${agent.version}` })),
    summary(agent),
    el('h2', { text: 'Description' }),
    el('p', { class: 'description', text: agent.description }),
    el('h2', { text: 'Capabilities' }),
    list(agent.capabilities),
    el('div', { class: 'columns' }, el('section', { 'aria-labelledby': 'stats-title' }, el('h2', { id: 'stats-title', text: 'Runs' }), stats), el('section', { 'aria-labelledby': 'versions-title' }, el('h2', { id: 'versions-title', text: 'Versions' }), versionList)),
    el('section', { 'aria-labelledby': 'run-title' }, el('h2', { id: 'run-title', text: 'Run it' }), session.signedIn ? runForm(agent) : el('p', {}, el('a', { href: signInLink(), text: 'Sign in' }), ' to run this agent.')),
    session.signedIn && !owner ? el('section', {}, ratingForm(agent)) : null,
    owner ? el('section', {}, el('p', { class: 'muted', text: 'Owners cannot rate their own agents.' }), editForm(agent)) : null,
  );
  api.get(`/agents/${agentId}/stats`).then((data) => fill(stats, statistics(data))).catch((error) => fill(stats, el('p', { class: 'problem', text: error.message })));
  api.get(`/agents/${agentId}/versions`, { limit: 100 }).then((page) => fill(versionList, versions(page, agent.id))).catch((error) => fill(versionList, el('p', { class: 'problem', text: error.message })));
}

show();
