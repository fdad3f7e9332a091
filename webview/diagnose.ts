// The Diagnose tab: the verdict in one sentence with its fix, then every check (passed / failed / unknown) with
// its evidence, the openstack CLI that shows it, and the fix of a failed one. Everything is text (names, values
// and fault messages come from the cloud).
import * as l10n from '@vscode/l10n';
import type { ResourceKind } from '../src/features/doctor/model/checklist';
import type { CheckView, DiagnosisView, FixView } from '../src/features/doctor/model/view';
import type { WebviewMessage } from '../src/features/console/model/protocol';
import { button, el, spinner } from './ui';

const MARK: Record<CheckView['status'], string> = { passed: '✓', failed: '✗', unknown: '?' };

/** A check's status, for screen readers. */
function statusName(status: CheckView['status']): string {
  switch (status) {
    case 'passed': return l10n.t('passed');
    case 'failed': return l10n.t('failed');
    case 'unknown': return l10n.t('unknown');
  }
}

/** What a piece of evidence was read from: "floating ip 203.0.113.5 · status: ACTIVE" (the comment tells translators). */
function kindName(kind: ResourceKind): string {
  switch (kind) {
    case 'server': return l10n.t({ message: 'server', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'port': return l10n.t({ message: 'port', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'subnet': return l10n.t({ message: 'subnet', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'network': return l10n.t({ message: 'network', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'router': return l10n.t({ message: 'router', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'floating_ip': return l10n.t({ message: 'floating ip', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'security_group': return l10n.t({ message: 'security group', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'security_group_rule': return l10n.t({ message: 'security group rule', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'agent': return l10n.t({ message: 'agent', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'compute_service': return l10n.t({ message: 'compute service', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'console_log': return l10n.t({ message: 'console log', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'local_route': return l10n.t({ message: 'local route', comment: ['the kind of resource a piece of evidence was read from'] });
    case 'probe': return l10n.t({ message: 'probe', comment: ['the kind of resource a piece of evidence was read from'] });
  }
}

export class DiagnoseView {
  readonly el: HTMLElement;
  private readonly verdict = el('div', { id: 'diagnose-verdict', className: 'verdict', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly meta = el('span', { id: 'diagnose-meta', className: 'muted' });
  private readonly list = el('ol', { id: 'diagnose-checks', className: 'checks' });
  private readonly busy = spinner('diagnose-busy');
  private readonly runBtn;

  constructor(private readonly send: (m: WebviewMessage) => void) {
    this.runBtn = button(l10n.t('Run Again'), { id: 'diagnose-run', appearance: 'primary', onClick: () => send({ type: 'diagnose' }), title: l10n.t('Run every check again') });
    this.busy.hidden = true;
    this.verdict.textContent = l10n.t("Why can't I reach this instance? Run the checklist: the instance, its port, router, gateway, floating IP, security groups, agents, this machine's route and live probes.");
    this.runBtn.label = l10n.t('Diagnose');
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
    if (view.running && !view.checks.length) this.verdict.replaceChildren(l10n.t('Diagnosing…'));
    else if (view.error) this.verdict.replaceChildren(el('span', { className: 'notice error', text: view.error }));
    else if (view.verdict) this.showVerdict(view.verdict.sentence, view.verdict.checkId, view.verdict.fix);
    this.meta.textContent = view.ms === undefined ? '' : [l10n.t('{0} s · {1} requests', (view.ms / 1000).toFixed(1), view.requests ?? 0), ...(view.cliNote ? [view.cliNote] : [])].join(' · ');
    if (view.checks.length || !view.running) this.list.replaceChildren(...view.checks.map((c) => this.check(c)));
    if (view.verdict) this.runBtn.label = l10n.t('Run Again');
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
        el('span', { className: 'mark', text: MARK[c.status], attrs: { 'aria-label': statusName(c.status) } }),
        el('strong', { text: c.title }),
      ),
      el('div', { className: 'summary', text: c.summary }),
    );
    if (c.evidence.length) {
      item.append(el('ul', { className: 'evidence' }, ...c.evidence.map((e) =>
        el('li', {}, el('span', { className: 'muted', text: `${kindName(e.kind)} ${e.name || e.id} · ${e.field}: ` }), el('code', { text: e.value })))));
    }
    const actions = el('div', { className: 'row' });
    if (c.fix) actions.append(this.fixButton(c.id, c.fix, `fix-${c.id}`));
    const cli = [c.cli, c.fix?.cli].filter(Boolean).join('\n');
    if (cli) {
      actions.append(button(l10n.t('Copy as openstack CLI'), { id: `cli-${c.id}`, title: cli, onClick: () => this.send({ type: 'copy', text: cli }) }).el);
      item.append(el('pre', { className: 'cli', text: cli }));
    }
    if (actions.childElementCount) item.append(actions);
    return item;
  }
}
