// The Diagnose tab's host side, owned by an instance's console panel: runs the checklist (gather, diagnose),
// applies a failed check's fix and runs it again, and hands the panel what to show. One run at a time.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { cliNote, type CliContext } from '../../core/cliLine';
import type { Target } from '../../core/target';
import { plainText } from '../../core/displayText';
import type { OpenStackClient } from '../../openstack/client';
import { Cancelled } from '../../core/cancelled';
import { explainRefusal } from '../../core/refusals';
import { applyFix } from './applyFix';
import { gatherSnapshot } from './gather';
import { diagnoseReachability, snapshotNames, type Diagnosis } from './model/diagnose';
import type { Fix } from './model/fixes';
import type { ReachabilitySnapshot } from './model/snapshot';
import { diagnosisView, type DiagnosisView } from './model/view';

export interface DoctorDeps {
  client(): Promise<OpenStackClient>;
  cli(): Promise<CliContext>;
  /** Reloads the tree categories a fix changed. */
  changed(kinds: string[]): Promise<void>;
}

export class DoctorTab {
  private view?: DiagnosisView;
  private last?: { diagnosis: Diagnosis; snapshot: ReachabilitySnapshot };
  private running?: Promise<void>;
  private focusFloatingIpId?: string;

  constructor(
    private readonly deps: DoctorDeps,
    private readonly where: { cloud: string; projectId: string; serverId: string },
    private readonly show: (view: DiagnosisView) => void,
  ) {}

  /** The last view (for the panel's snapshot), undefined before the first run. */
  get current(): DiagnosisView | undefined {
    return this.view;
  }

  /** Runs the checklist, unless a run is under way; FOCUS: the floating IP the user asked about. */
  run(focusFloatingIpId?: string): Promise<void> {
    if (focusFloatingIpId) this.focusFloatingIpId = focusFloatingIpId;
    this.running ??= this.diagnose().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Applies the fix of check CHECKID of the last run, then runs the checklist again. */
  async fix(checkId: string): Promise<string> {
    const fix = this.last?.diagnosis.checks.find((c) => c.id === checkId)?.fix;
    if (!fix || !this.last) throw new Error(l10n.t('That fix is no longer offered: run the diagnosis again.'));
    const groupId = fix.kind === 'allowIngress' ? await this.pickGroup(fix, this.last.snapshot) : undefined;
    const target = await this.target();
    try {
      const applied = await applyFix(fix, target, groupId);
      await this.deps.changed(applied.changed);
      return applied.message;
    } catch (err) {
      const refusal = explainRefusal(err);
      throw refusal ? new Error(refusal.message, { cause: err }) : err;
    } finally {
      // also after a refusal: what it says may have changed something, and the checklist shows what is
      await this.run();
    }
  }

  private async target(): Promise<Target> {
    return { cloud: this.where.cloud, projectId: this.where.projectId, client: await this.deps.client() };
  }

  private async diagnose(): Promise<void> {
    const started = performance.now();
    this.publish({ ...(this.view ?? { checks: [] }), running: true, error: undefined });
    try {
      const target = await this.target();
      const { snapshot, requests } = await gatherSnapshot(target, { serverId: this.where.serverId, focusFloatingIpId: this.focusFloatingIpId, probes: true });
      const context = await this.deps.cli();
      const diagnosis = diagnoseReachability(snapshot, { context, names: snapshotNames(snapshot) });
      this.last = { diagnosis, snapshot };
      this.publish(diagnosisView(diagnosis, Math.round(performance.now() - started), requests, cliNote(context)));
    } catch (err) {
      this.publish({ running: false, checks: [], error: err instanceof Error ? err.message : String(err) });
    }
  }

  private publish(view: DiagnosisView): void {
    this.view = view;
    this.show(view);
  }

  /** The port's group to add the rule to: asked only when the port has more than one. */
  private async pickGroup(fix: Extract<Fix, { kind: 'allowIngress' }>, snapshot: ReachabilitySnapshot): Promise<string> {
    if (fix.groupIds.length === 1) return fix.groupIds[0];
    const items = fix.groupIds.map((id) => {
      const group = snapshot.securityGroups.find((g) => g.id === id);
      return { label: plainText(group?.name || id), description: id, detail: fix.cliByGroup[id], id };
    });
    const picked = await vscode.window.showQuickPick(items, { title: l10n.t("{0}: in which of the port's security groups?", fix.title), matchOnDescription: true });
    if (!picked) throw new Cancelled();
    return picked.id;
  }
}
