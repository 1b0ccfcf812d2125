// The run form of an agent: input as text or a file, arguments, environment, and the time and
// memory limits within the contract's bounds. A submitted task opens its own page.
import { api } from './api.js';
import { clearErrors, el, showError } from './dom.js';

const MAX_INPUT_BYTES = 1024 * 1024;

function field(id, label, control, hint) {
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), control, hint ? el('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null);
}

function lines(text) {
  return text.split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.length > 0);
}

/** {NAME: value} from NAME=value lines; throws for a line without '='. */
function environment(text) {
  const env = {};
  for (const line of lines(text)) {
    const at = line.indexOf('=');
    if (at <= 0) {
      throw new Error(`"${line}" is not NAME=value`);
    }
    env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}

function base64(bytes) {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return window.btoa(binary);
}

export function runForm(agent) {
  const inputText = el('textarea', { id: 'run-input', name: 'input', 'data-field': 'input', 'aria-describedby': 'run-input-hint' });
  const inputFile = el('input', { id: 'run-file', name: 'inputFile', type: 'file', 'data-field': 'inputBase64', 'aria-describedby': 'run-file-hint' });
  const form = el(
    'form',
    { id: 'run', novalidate: true },
    field('run-input', 'Input (text)', inputText, 'Given to the agent on stdin.'),
    field('run-file', 'Or input from a file', inputFile, 'At most 1 MiB; used instead of the text when chosen.'),
    el(
      'div',
      { class: 'row' },
      field('run-args', 'Arguments', el('textarea', { id: 'run-args', name: 'args', 'data-field': 'args', 'aria-describedby': 'run-args-hint' }), 'One per line (at most 64).'),
      field('run-env', 'Environment', el('textarea', { id: 'run-env', name: 'env', 'data-field': 'env', 'aria-describedby': 'run-env-hint' }), 'NAME=value, one per line (at most 64).'),
    ),
    el(
      'div',
      { class: 'row' },
      field('run-timeout', 'Time limit (ms)', el('input', { id: 'run-timeout', name: 'timeoutMs', type: 'number', min: 1, max: 300000, value: 30000, required: true, 'data-field': 'timeoutMs', 'aria-describedby': 'run-timeout-hint' }), 'From 1 to 300000.'),
      field('run-memory', 'Memory limit (MiB)', el('input', { id: 'run-memory', name: 'maxMemoryMb', type: 'number', min: 1, max: 512, value: 64, required: true, 'data-field': 'maxMemoryMb', 'aria-describedby': 'run-memory-hint' }), 'From 1 to 512.'),
    ),
    el('div', {}, el('button', { type: 'submit', id: 'run-button', text: 'Run' })),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const task = {
      agentId: agent.id,
      args: lines(form.elements.namedItem('args').value),
      timeoutMs: Number(form.elements.namedItem('timeoutMs').value),
      maxMemoryMb: Number(form.elements.namedItem('maxMemoryMb').value),
    };
    try {
      task.env = environment(form.elements.namedItem('env').value);
    } catch (e) {
      showError(form, { message: 'The environment is invalid.', errors: [{ field: 'env', message: e.message }] });
      return;
    }
    const file = inputFile.files[0];
    if (file) {
      if (file.size > MAX_INPUT_BYTES) {
        showError(form, { message: 'The input is too large.', errors: [{ field: 'inputBase64', message: 'at most 1 MiB' }] });
        return;
      }
      task.inputBase64 = base64(new Uint8Array(await file.arrayBuffer()));
    } else if (inputText.value) {
      task.input = inputText.value;
    }
    const button = form.querySelector('#run-button');
    button.disabled = true;
    try {
      const accepted = await api.post('/tasks', task);
      window.location.assign(`/tasks/${encodeURIComponent(accepted.taskId)}`);
    } catch (error) {
      button.disabled = false;
      showError(form, error);
    }
  });
  return form;
}
