// The instance console webview (bundled to dist/webview/main.js). Everything shown comes from the host by
// postMessage and goes into the DOM as text (textContent, createTextNode, or spans built from ansi_up's parsed
// runs): instance names, console text and ping output are untrusted and never parsed as HTML. UI state is kept
// with setState, so it survives hide/show and (through the host's WebviewPanelSerializer) a window reload.
// Its words come from the host as well: the translations of the display language (`l10n`, the first answer to
// `ready`) configure @vscode/l10n before anything is built.
import './main.css';
import * as l10n from '@vscode/l10n';
import { stripSgr as plain } from '../src/features/console/model/ansi';
import { checkPort, checkTarget } from '../src/features/console/model/target';
import {
  DEFAULT_UI, LINE_CHOICES, MAX_LOG_LINES, MAX_PING_COUNT, TABS, isHostMessage, isPanelState,
  type ConsoleTarget, type HostMessage, type InstanceAddress, type InstanceInfo, type PanelState, type PingSample, type PingSummary, type UiState, type WebviewMessage,
} from '../src/features/console/model/protocol';
import { AnsiRenderer } from './ansiRender';
import { RttChart } from './chart';
import { DiagnoseView } from './diagnose';
import { buildWhenTranslated, connectHost } from './host';
import { button, checkbox, componentsReady, divider, dropdown, el, tabs, textField } from './ui';

const host = connectHost<WebviewMessage, HostMessage, PanelState>({ isMessage: isHostMessage, isState: isPanelState }, (m) => onMessage(m));
const restored = host.restored;
const ui: UiState = { ...DEFAULT_UI, ...(restored?.ui ?? {}) };
let target: ConsoleTarget | undefined = restored?.target;

function saveState(): void {
  if (target) host.save({ v: 1, target, ui });
}
function send(message: WebviewMessage): void {
  host.send(message);
}
const isTab = (key: string): key is UiState['tab'] => (TABS as readonly string[]).includes(key);

/** An address as the target choice offers it: "10.0.0.5 (fixed, private)"; the network's name is untrusted text. */
function addressLabel(a: InstanceAddress): string {
  if (a.type === 'unknown') return `${a.addr} (${a.network})`;
  return a.type === 'floating' ? l10n.t('{0} (floating, {1})', a.addr, a.network) : l10n.t('{0} (fixed, {1})', a.addr, a.network);
}

const onMessage = buildWhenTranslated<HostMessage>(buildPage);

/** Builds the page in the display language and answers the host's messages. */
function buildPage(): (m: HostMessage) => void {
  // ---------------------------------------------------------------- header

  const nameEl = el('h1', { id: 'instance-name', text: restored?.target.name ?? '' });
  const statusEl = el('span', { id: 'instance-status', className: 'status' });
  const idEl = el('span', { id: 'instance-id', className: 'muted' });
  const serialBtn = button(l10n.t('Open Serial Console'), { id: 'open-serial', onClick: () => send({ type: 'openRemote', console: 'serial' }), title: l10n.t('Open an interactive serial console in a terminal') });
  const vncBtn = button(l10n.t('Open VNC Console'), { id: 'open-vnc', onClick: () => send({ type: 'openRemote', console: 'novnc' }), title: l10n.t('Open the graphical console in the browser') });
  const notice = el('div', { id: 'notice', className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  const header = el('header', {},
    el('div', { className: 'title-row' }, nameEl, statusEl),
    el('div', { className: 'row' }, idEl, el('span', { className: 'spacer' }), serialBtn.el, vncBtn.el),
    notice,
  );

  function showNotice(level: 'info' | 'warning' | 'error', text: string): void {
    notice.textContent = text;
    notice.className = `notice ${level}`;
    notice.hidden = !text;
  }
  showNotice('info', '');

  function showInstance(i: InstanceInfo): void {
    target = { cloud: i.cloud, projectId: i.projectId, serverId: i.serverId, name: i.name };
    nameEl.textContent = i.name || i.serverId;
    statusEl.textContent = i.status;
    statusEl.dataset.status = i.status.split(' ')[0].toLowerCase();
    idEl.textContent = `${i.serverId} · ${i.cloud}`;
    document.title = l10n.t('Console: {0}', i.name);
    setTargets(i);
    saveState();
  }

  // ---------------------------------------------------------------- console log

  const logBox = el('div', { id: 'log', className: 'log', attrs: { role: 'log', tabindex: '0', 'aria-label': l10n.t('Console log') } });
  const logStatus = el('span', { id: 'log-status', className: 'muted', attrs: { 'aria-live': 'off' } });
  const logError = el('div', { id: 'log-error', className: 'notice error', attrs: { role: 'alert' } });
  logError.hidden = true;
  const renderer = new AnsiRenderer();
  let logLines: string[] = [];
  let logTail = '';
  let fetchedAt: number | undefined;
  let nextPollMs: number | undefined;
  let shownLines = 0;

  const linesDropdown = dropdown({
    id: 'log-lines', label: l10n.t('Lines to show'),
    options: LINE_CHOICES.map((n) => ({ value: String(n), label: l10n.t('Last {0} lines', n) })),
    value: String(ui.lines),
    onChange: (v) => { ui.lines = Number(v) || DEFAULT_UI.lines; saveState(); send({ type: 'refreshLog', lines: ui.lines }); },
  });
  const refreshBtn = button(l10n.t('Refresh'), { id: 'log-refresh', onClick: () => send({ type: 'refreshLog', lines: ui.lines }) });
  const followBox = checkbox(l10n.t('Follow'), {
    id: 'log-follow', checked: ui.follow, title: l10n.t('Poll for new lines (every 1 s, slowing to 10 s while nothing changes)'),
    onChange: (on) => { ui.follow = on; saveState(); send({ type: 'setFollow', follow: on, lines: ui.lines }); },
  });
  const wrapBox = checkbox(l10n.t('Wrap'), { id: 'log-wrap', checked: ui.wrap, onChange: (on) => { ui.wrap = on; applyWrap(); saveState(); } });
  const filterField = textField({
    id: 'log-filter', label: l10n.t('Filter'), value: ui.filter, placeholder: l10n.t('Show lines containing…'), size: 24, maxLength: 200,
    onInput: (v) => { ui.filter = v; saveState(); scheduleRender(); },
  });
  const copyBtn = button(l10n.t('Copy'), { id: 'log-copy', title: l10n.t('Copy the shown lines'), onClick: () => send({ type: 'copy', text: visibleText() }) });
  const fullBtn = button(l10n.t('Open Full Log'), { id: 'log-full', title: l10n.t('The whole console log as a read-only editor'), onClick: () => send({ type: 'openFullLog' }) });

  const logView = el('section', { className: 'view', attrs: { 'aria-label': l10n.t('Console log') } },
    el('div', { className: 'row toolbar' }, linesDropdown.el, refreshBtn.el, followBox.el, wrapBox.el, filterField.el, copyBtn.el, fullBtn.el),
    el('div', { className: 'row' }, logStatus),
    logError,
    logBox,
  );

  function applyWrap(): void {
    logBox.classList.toggle('wrap', ui.wrap);
  }

  function matches(line: string): boolean {
    return !ui.filter || plain(line).toLowerCase().includes(ui.filter.toLowerCase());
  }

  function lineElement(line: string): HTMLElement | undefined {
    const div = el('div', { className: 'line' });
    renderer.renderInto(div, line);   // always, so the colour state follows every line, shown or not
    return matches(line) ? div : undefined;
  }

  const tailEl = el('div', { id: 'log-tail', className: 'line tail' });

  function atBottom(): boolean {
    return logBox.scrollHeight - logBox.scrollTop - logBox.clientHeight < 24;
  }

  function renderLog(): void {
    renderer.reset();
    const rows: HTMLElement[] = [];
    for (const line of logLines) {
      const row = lineElement(line);
      if (row) rows.push(row);
    }
    shownLines = rows.length;
    tailEl.textContent = plain(logTail);
    logBox.replaceChildren(...rows, tailEl);
    logBox.scrollTop = logBox.scrollHeight;
    updateLogStatus();
  }

  function appendLog(lines: string[], tail: string): void {
    const stick = ui.follow || atBottom();
    for (const line of lines) {
      const row = lineElement(line);
      if (row) { logBox.insertBefore(row, tailEl); shownLines++; }
    }
    logLines.push(...lines);
    if (logLines.length > MAX_LOG_LINES) {
      logLines = logLines.slice(-MAX_LOG_LINES);
      renderLog();
      return;
    }
    logTail = tail;
    tailEl.textContent = plain(tail);
    if (stick) logBox.scrollTop = logBox.scrollHeight;
    updateLogStatus();
  }

  let renderTimer: number | undefined;
  function scheduleRender(): void {
    if (renderTimer !== undefined) clearTimeout(renderTimer);
    renderTimer = window.setTimeout(() => { renderTimer = undefined; renderLog(); }, 120);
  }

  function updateLogStatus(): void {
    const when = fetchedAt ? l10n.t('updated {0}', new Date(fetchedAt).toLocaleTimeString()) : l10n.t('loading…');
    const count = ui.filter ? l10n.t('{0} of {1} lines match', shownLines, logLines.length) : l10n.t('{0} lines', logLines.length);
    const follow = !ui.follow ? '' : nextPollMs ? l10n.t('following, next check in {0} s', Math.round(nextPollMs / 1000)) : l10n.t('following');
    logStatus.textContent = [count, when, follow].filter(Boolean).join(' · ');
  }

  function visibleText(): string {
    const lines = logLines.filter(matches).map(plain);
    if (logTail && matches(logTail)) lines.push(plain(logTail));
    return lines.join('\n');
  }

  // ---------------------------------------------------------------- ping and TCP check

  const targetChoice = dropdown({ id: 'ping-choice', label: l10n.t('Instance addresses'), options: [], onChange: (v) => { if (v) { autoTarget = undefined; targetField.value = v; onTargetInput(v); } } });
  const targetField = textField({
    id: 'ping-target', label: l10n.t('Target'), value: ui.pingTarget, placeholder: l10n.t('IP address or host name'), size: 28, maxLength: 253,
    onInput: (v) => onTargetInput(v), onEnter: () => startPing(),
  });
  const countField = textField({ id: 'ping-count', label: l10n.t({ message: 'Count', comment: ['how many pings to send'] }), value: String(ui.pingCount), size: 4, maxLength: 3, onEnter: () => startPing() });
  const pingBtn = button(l10n.t('Ping'), { id: 'ping-start', appearance: 'primary', onClick: () => startPing() });
  const stopBtn = button(l10n.t('Stop'), { id: 'ping-stop', onClick: () => send({ type: 'stopPing' }), title: l10n.t('Stop ping (Escape)') });
  stopBtn.disabled = true;
  const portField = textField({ id: 'tcp-port', label: l10n.t('TCP port'), value: String(ui.tcpPort), size: 6, maxLength: 5, onEnter: () => startTcp() });
  const tcpBtn = button(l10n.t('Check TCP Port'), { id: 'tcp-check', onClick: () => startTcp(), title: l10n.t('Connect to the port once (for networks that drop ICMP)') });
  const tcpResult = el('span', { id: 'tcp-result', className: 'muted', attrs: { role: 'status' } });
  const targetError = el('div', { id: 'target-error', className: 'field-error', attrs: { 'aria-live': 'polite' } });
  const pingCommand = el('code', { id: 'ping-command', className: 'muted' });
  const pingOutput = el('div', { id: 'ping-output', className: 'log wrap', attrs: { role: 'log', tabindex: '0', 'aria-label': l10n.t('Ping output') } });
  const pingState = el('span', { id: 'ping-state', className: 'muted', attrs: { role: 'status' } });
  const chart = new RttChart('rtt-chart');
  const stat = (id: string, label: string) => {
    const value = el('dd', { id, text: '–' });
    return { value, nodes: [el('dt', { text: label }), value] };
  };
  const stats = {
    sent: stat('ping-sent', l10n.t('Sent')), received: stat('ping-received', l10n.t('Received')), loss: stat('ping-loss', l10n.t('Loss')),
    min: stat('ping-min', l10n.t('Min')), avg: stat('ping-avg', l10n.t('Avg')), max: stat('ping-max', l10n.t('Max')),
  };
  const summaryEl = el('dl', { id: 'ping-summary', className: 'summary' }, ...Object.values(stats).flatMap((s) => s.nodes));

  const pingView = el('section', { className: 'view', attrs: { 'aria-label': l10n.t('Ping') } },
    el('div', { className: 'row toolbar' }, targetChoice.el, targetField.el, countField.el, pingBtn.el, stopBtn.el),
    targetError,
    el('div', { className: 'row toolbar' }, portField.el, tcpBtn.el, tcpResult),
    divider(),
    el('div', { className: 'row' }, summaryEl, pingState),
    chart.el,
    el('div', { className: 'row' }, pingCommand),
    pingOutput,
  );

  let pingId = 0;
  let pingSamples: PingSample[] = [];
  let pingExpected = 0;
  /**
   * The target this page filled in by itself. A panel opened from a tree row that was loaded before the floating
   * IP was associated starts with the fixed address; when the floating one appears, it takes its place, unless
   * the user has typed or picked a target since.
   */
  let autoTarget: string | undefined;

  function setTargets(i: InstanceInfo): void {
    const order = (t: string) => (t === 'floating' ? 0 : t === 'fixed' ? 1 : 2);
    const addrs = [...i.addresses].sort((a, b) => order(a.type) - order(b.type));
    const options = [
      { value: '', label: addrs.length ? l10n.t('Instance addresses…') : l10n.t('No addresses') },
      ...addrs.map((a) => ({ value: a.addr, label: addressLabel(a) })),
    ];
    targetChoice.setOptions(options, '');
    const current = targetField.value;
    if (addrs.length && (!current || current === autoTarget) && current !== addrs[0].addr) {
      autoTarget = addrs[0].addr;
      targetField.value = autoTarget;
      onTargetInput(autoTarget);
    }
  }

  function onTargetInput(v: string): void {
    ui.pingTarget = v;
    saveState();
    const trimmed = v.trim();
    const check = trimmed ? checkTarget(trimmed) : undefined;
    targetField.invalid = check && !check.ok ? check.reason : undefined;
    targetError.textContent = check && !check.ok ? check.reason : '';
  }

  function startPing(): void {
    const value = targetField.value.trim();
    const check = checkTarget(value);
    if (!check.ok) { targetField.invalid = check.reason; targetError.textContent = check.reason; targetField.focus(); return; }
    const count = Number(countField.value);
    if (!Number.isInteger(count) || count < 1 || count > MAX_PING_COUNT) {
      countField.invalid = l10n.t('1 to {0}', MAX_PING_COUNT);
      targetError.textContent = l10n.t('The count must be a whole number from 1 to {0}.', MAX_PING_COUNT);
      return;
    }
    countField.invalid = undefined;
    ui.pingTarget = value;
    ui.pingCount = count;
    saveState();
    pingExpected = count;
    send({ type: 'startPing', target: check.target, count });
  }

  function startTcp(): void {
    const check = checkTarget(targetField.value.trim());
    const port = checkPort(portField.value.trim());
    if (!check.ok) { targetError.textContent = check.reason; targetField.focus(); return; }
    if (port === undefined) { portField.invalid = l10n.t('1 to {0}', 65535); targetError.textContent = l10n.t('The port must be a number from 1 to 65535.'); return; }
    portField.invalid = undefined;
    ui.tcpPort = port;
    saveState();
    tcpResult.textContent = l10n.t('connecting to {0}…', `${check.target}:${port}`);
    send({ type: 'tcpCheck', target: check.target, port });
  }

  function showSummary(s: PingSummary): void {
    const ms = (v?: number) => (v === undefined ? '–' : `${v} ms`);
    stats.sent.value.textContent = String(s.sent);
    stats.received.value.textContent = String(s.received);
    stats.loss.value.textContent = `${s.loss}%`;
    stats.min.value.textContent = ms(s.min);
    stats.avg.value.textContent = ms(s.avg);
    stats.max.value.textContent = ms(s.max);
    summaryEl.dataset.final = String(s.final);
  }

  function pingRunning(running: boolean): void {
    pingBtn.disabled = running;
    stopBtn.disabled = !running;
    document.body.dataset.ping = running ? 'running' : 'idle';
  }

  function resetPing(id: number, target: string, command: string): void {
    pingId = id;
    pingSamples = [];
    pingOutput.replaceChildren();
    pingCommand.textContent = command;
    pingState.textContent = l10n.t('pinging {0}…', target);
    showSummary({ sent: 0, received: 0, loss: 0, final: false });
    chart.update([], pingExpected);
  }

  function addPingLine(line: string): void {
    const stick = pingOutput.scrollHeight - pingOutput.scrollTop - pingOutput.clientHeight < 24;
    pingOutput.append(el('div', { className: 'line', text: line }));
    if (stick) pingOutput.scrollTop = pingOutput.scrollHeight;
  }

  function pingFinished(exitCode: number | null, failure?: { kind: string; message: string }): void {
    pingRunning(false);
    if (failure) {
      pingState.textContent = failure.message;
      pingState.className = 'notice error';
      if (failure.kind === 'missing' || failure.kind === 'denied') portField.focus();
    } else {
      pingState.textContent = l10n.t('ping exited with code {0}', exitCode ?? l10n.t('none (stopped)'));
      pingState.className = 'muted';
    }
  }

  // ---------------------------------------------------------------- layout, keyboard, messages

  const diagnoseView = new DiagnoseView(send);

  const tabBar = tabs([
    { key: 'log', label: l10n.t('Console Log'), view: logView },
    { key: 'ping', label: l10n.t('Ping'), view: pingView },
    { key: 'diagnose', label: l10n.t('Diagnose'), view: diagnoseView.el },
  ], ui.tab, (key) => { if (isTab(key)) { ui.tab = key; saveState(); } });

  const app = document.getElementById('app') ?? document.body;
  app.replaceChildren(header, tabBar.el);
  applyWrap();
  pingRunning(false);

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && ui.tab === 'ping' && !stopBtn.disabled) send({ type: 'stopPing' });
  });

  function onHostMessage(m: HostMessage): void {
    switch (m.type) {
      case 'snapshot': {
        showInstance(m.instance);
        logLines = m.log.lines.slice();
        logTail = m.log.tail;
        fetchedAt = m.log.fetchedAt;
        nextPollMs = m.followStatus.nextPollMs;
        logError.hidden = !m.log.error;
        logError.textContent = m.log.error ?? '';
        renderLog();
        if (m.ping) {
          pingExpected = ui.pingCount;
          resetPing(m.ping.id, m.ping.target, m.ping.command);
          for (const line of m.ping.lines) addPingLine(line);
          pingSamples = m.ping.samples.slice();
          chart.update(pingSamples, pingExpected);
          showSummary(m.ping.summary);
          pingRunning(m.ping.running);
          if (!m.ping.running) pingFinished(m.ping.exitCode ?? null, m.ping.failure);
        }
        if (m.tcp) tcpResult.textContent = `${m.tcp.target}:${m.tcp.port} — ${m.tcp.message}`;
        if (m.diagnosis) diagnoseView.show(m.diagnosis);
        document.getElementById('app')?.setAttribute('aria-busy', 'false');
        document.body.dataset.ready = 'true';
        return;
      }
      case 'instance':
        showInstance(m.instance);
        return;
      case 'showTab':
        ui.tab = m.tab;
        tabBar.active = m.tab;
        saveState();
        return;
      case 'diagnosis':
        diagnoseView.show(m.view);
        return;
      case 'log':
        fetchedAt = m.fetchedAt;
        logError.hidden = true;
        if (m.mode === 'replace') {
          logLines = m.lines.slice();
          logTail = m.tail;
          renderLog();
        } else {
          appendLog(m.lines, m.tail);
        }
        return;
      case 'logError':
        logError.textContent = m.message;
        logError.hidden = false;
        return;
      case 'followStatus':
        nextPollMs = m.status.nextPollMs;
        if (followBox.checked !== m.status.follow) followBox.checked = m.status.follow;
        updateLogStatus();
        return;
      case 'pingStarted':
        resetPing(m.id, m.target, m.command);
        pingRunning(true);
        return;
      case 'pingLine':
        if (m.id !== pingId) return;
        addPingLine(m.line);
        if (m.sample) { pingSamples.push(m.sample); chart.update(pingSamples, pingExpected); }
        showSummary(m.summary);
        return;
      case 'pingEnded': {
        if (m.id !== pingId) resetPing(m.id, ui.pingTarget, '');
        showSummary(m.summary);
        // iputils -O reports a probe as unanswered only when the next one goes out: the last one shows in the statistics
        const answered = pingSamples.filter((s) => s.rtt !== undefined).length;
        if (m.summary.final && answered === m.summary.received) {
          let seq = pingSamples.reduce((max, s) => Math.max(max, s.seq), 0);
          while (pingSamples.length < m.summary.sent) pingSamples.push({ seq: ++seq });
          chart.update(pingSamples, pingExpected);
        }
        pingFinished(m.exitCode, m.failure);
        return;
      }
      case 'tcpResult':
        tcpResult.textContent = `${m.result.target}:${m.result.port} — ${m.result.message}`;
        tcpResult.className = m.result.ok ? 'ok' : 'notice error';
        return;
      case 'notice':
        showNotice(m.level, m.text);
        return;
    }
  }

  return onHostMessage;
}

void componentsReady.then(() => { document.body.dataset.componentsReady = 'true'; });
send({ type: 'ready', ui });
