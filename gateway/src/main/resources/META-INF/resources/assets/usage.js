// The account page's money: this month's usage and spend per agent, earnings per agent, and the
// monthly caps (a task past one is refused with 402 spend-cap-reached).
import { api } from './api.js';
import { clearErrors, el, fill, formatTime, showError } from './dom.js';

function money(value) {
  return Number(value || 0).toFixed(2);
}

function table(id, headers, rows) {
  return el(
    'table',
    { class: 'stack', id },
    el('thead', {}, el('tr', {}, headers.map((name) => el('th', { scope: 'col', text: name })))),
    el('tbody', {}, rows),
  );
}

function agentLink(agentId) {
  return agentId ? el('a', { href: `/agents/${encodeURIComponent(agentId)}`, text: agentId.slice(0, 8) }) : 'Total';
}

async function usageTable(box) {
  const usage = await api.get('/usage', { groupBy: 'agent' });
  const row = (r) =>
    el(
      'tr',
      {},
      el('td', { 'data-label': 'Agent' }, agentLink(r.agentId)),
      el('td', { 'data-label': 'Tasks', text: String(r.tasks.total) }),
      el('td', { 'data-label': 'Succeeded', text: String(r.tasks.succeeded) }),
      el('td', { 'data-label': 'CPU', text: `${r.cpuMs} ms` }),
      el('td', { 'data-label': 'Memory', text: `${r.memoryMibSeconds} MiB-s` }),
      el('td', { 'data-label': 'HTTP', text: `${r.httpRequests} (${r.httpBytes} B)` }),
      el('td', { 'data-label': 'Spend', class: 'spend', text: money(r.spend) }),
    );
  fill(box, table('usage', ['Agent', 'Tasks', 'Succeeded', 'CPU', 'Memory', 'HTTP', 'Spend'], [...usage.rows.map(row), row(usage.totals)]));
}

async function earningsTable(box) {
  const earnings = await api.get('/earnings', { groupBy: 'agent' });
  const row = (r) =>
    el(
      'tr',
      {},
      el('td', { 'data-label': 'Agent' }, agentLink(r.agentId)),
      el('td', { 'data-label': 'Paid runs', text: String(r.paidRuns) }),
      el('td', { 'data-label': 'Revenue', class: 'revenue', text: money(r.revenue) }),
    );
  fill(box, table('earnings', ['Agent', 'Paid runs', 'Revenue'], [...earnings.rows.map(row), row(earnings.totals)]));
}

function capsForm(limits, status) {
  const input = (name, label, value, step) =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: `cap-${name}`, text: label }),
      el('input', { id: `cap-${name}`, name, type: 'number', min: '0', step, value: value ?? '', 'data-field': name }),
    );
  const form = el(
    'form',
    { id: 'caps', novalidate: true },
    input('monthlySpend', 'Monthly spend cap (empty: none)', limits.monthlySpend, '0.01'),
    input('monthlyTasks', 'Monthly task cap (empty: none)', limits.monthlyTasks, '1'),
    el('div', {}, el('button', { type: 'submit', text: 'Save caps' })),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => {
      const text = form.elements.namedItem(name).value.trim();
      return text === '' ? null : Number(text);
    };
    try {
      const saved = await api.put('/users/me/limits', { monthlySpend: value('monthlySpend'), monthlyTasks: value('monthlyTasks') });
      fill(status, monthText(saved));
    } catch (error) {
      showError(form, error);
    }
  });
  return form;
}

function monthText(limits) {
  const month = limits.month;
  return el(
    'p',
    { id: 'month' },
    `This month: spent ${money(month.spent)}, ${money(month.inFlight)} more if the tasks queued or running succeed, ${month.tasks} tasks. `,
    `Caps: ${limits.monthlySpend == null ? 'no spend cap' : `spend ${money(limits.monthlySpend)}`}, ${limits.monthlyTasks == null ? 'no task cap' : `${limits.monthlyTasks} tasks`}. `,
    `The month resets ${formatTime(month.resetsAt)}.`,
  );
}

/** The usage, earnings and caps sections, loaded into `root`. */
export function usageSections() {
  const usage = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  const earnings = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  const caps = el('div', {}, el('p', { class: 'muted', text: 'Loading…' }));
  const failed = (box) => (error) => fill(box, el('p', { class: 'problem', text: error.message }));
  usageTable(usage).catch(failed(usage));
  earningsTable(earnings).catch(failed(earnings));
  api
    .get('/users/me/limits')
    .then((limits) => {
      const status = el('div', { 'aria-live': 'polite' }, monthText(limits));
      fill(caps, status, capsForm(limits, status));
    })
    .catch(failed(caps));
  return [
    el('h2', { text: 'Usage this month' }),
    el('p', { class: 'hint', text: 'A task is charged its agent\'s price, fixed when you submitted it, only if it succeeded.' }),
    usage,
    el('h2', { text: 'Monthly caps' }),
    el('p', { class: 'hint', text: 'Past a cap, new tasks are refused until the month (UTC) resets.' }),
    caps,
    el('h2', { text: 'Earnings of your agents this month' }),
    earnings,
  ];
}
