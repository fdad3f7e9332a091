// The Diagnose tab: the verdict in one sentence with its fix, then every check (passed / failed / unknown) with
// its evidence, the openstack CLI that shows it, and the fix of a failed one. Everything is text (names, values
// and fault messages come from the cloud).
import type { CheckView, DiagnosisView, FixView } from '../src/features/doctor/model/view';
import type { WebviewMessage } from '../src/features/console/model/protocol';
import { button, el, spinner } from './ui';

const MARK: Record<CheckView['status'], string> = { passed: '✓', failed: '✗', unknown: '?' };

export class DiagnoseView {
  readonly el: HTMLElement;
  private readonly verdict = el('div', { id: 'diagnose-verdict', className: 'verdict', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly meta = el('span', { id: 'diagnose-meta', className: 'muted' });
  private readonly list = el('ol', { id: 'diagnose-checks', className: 'checks' });
  private readonly busy = spinner('diagnose-busy');
  private readonly runBtn;

  constructor(private readonly send: (m: WebviewMessage) => void) {
    this.runBtn = button('Run Again', { id: 'diagnose-run', appearance: 'primary', onClick: () => send({ type: 'diagnose' }), title: 'Run every check again' });
    this.busy.hidden = true;
    this.verdict.textContent = 'Why can\'t I reach this instance? Run the checklist: the instance, its port, router, gateway, floating IP, security groups, agents, this machine\'s route and live probes.';
    this.runBtn.label = 'Diagnose';
    this.el = el('div', { className: 'view' },
      el('div', { className: 'row toolbar' }, this.runBtn.el, this.busy, el('span', { className: 'spacer' }), this.meta),
      this.verdict,
      this.list,
    );
  }

  show(view: DiagnosisView): void {
    this.busy.hidden = !view.running;
    this.runBtn.disabled = view.running;
    this.el.dataset.state = view.running ? 'running' : view.error ? 'error' : view.verdict?.checkId ? 'failed' : 'done';
    if (view.running && !view.checks.length) this.verdict.replaceChildren('Diagnosing…');
    else if (view.error) this.verdict.replaceChildren(el('span', { className: 'notice error', text: view.error }));
    else if (view.verdict) this.showVerdict(view.verdict.sentence, view.verdict.checkId, view.verdict.fix);
    this.meta.textContent = view.ms === undefined ? '' : `${(view.ms / 1000).toFixed(1)} s · ${view.requests ?? 0} requests${view.cliNote ? ` · ${view.cliNote}` : ''}`;
    if (view.checks.length || !view.running) this.list.replaceChildren(...view.checks.map((c) => this.check(c)));
    if (view.verdict) this.runBtn.label = 'Run Again';
  }

  private showVerdict(sentence: string, checkId: string | undefined, fix: FixView | undefined): void {
    const text = el('span', { className: checkId ? 'verdict-failed' : 'verdict-ok', text: sentence });
    this.verdict.replaceChildren(text, ...(checkId && fix ? [this.fixButton(checkId, fix, 'verdict-fix', 'primary')] : []));
  }

  private fixButton(checkId: string, fix: FixView, id: string, appearance: 'primary' | 'secondary' = 'secondary'): HTMLElement {
    return button(fix.title, { id, appearance, title: fix.cli, onClick: () => this.send({ type: 'applyFix', checkId }) }).el;
  }

  private check(c: CheckView): HTMLElement {
    const item = el('li', { className: `check ${c.status}`, attrs: { 'data-check': c.id, 'data-status': c.status } },
      el('div', { className: 'check-head' },
        el('span', { className: 'mark', text: MARK[c.status], attrs: { 'aria-label': c.status } }),
        el('strong', { text: c.title }),
      ),
      el('div', { className: 'summary', text: c.summary }),
    );
    if (c.evidence.length) {
      item.append(el('ul', { className: 'evidence' }, ...c.evidence.map((e) =>
        el('li', {}, el('span', { className: 'muted', text: `${e.kind.replace(/_/g, ' ')} ${e.name || e.id} · ${e.field}: ` }), el('code', { text: e.value })))));
    }
    const actions = el('div', { className: 'row' });
    if (c.fix) actions.append(this.fixButton(c.id, c.fix, `fix-${c.id}`));
    const cli = [c.cli, c.fix?.cli].filter(Boolean).join('\n');
    if (cli) {
      actions.append(button('Copy as openstack CLI', { id: `cli-${c.id}`, title: cli, onClick: () => this.send({ type: 'copy', text: cli }) }).el);
      item.append(el('pre', { className: 'cli', text: cli }));
    }
    if (actions.childElementCount) item.append(actions);
    return item;
  }
}
