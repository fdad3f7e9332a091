// A step flow: a multi-step input declared as a list of steps, each asked only when its condition holds for the
// answers so far. The counter ("Title (3/9)"), Back (MultiStepInput keeps the steps taken) and the summary rows
// are derived from the list, so adding or skipping a step never means recounting by hand.
import { MultiStepInput, type Step } from './multiStep';

export interface FlowStep<S> {
  /** Asked only when this holds for STATE, the answers so far (by default: always). */
  when?(state: S): boolean;
  /** Asks through INPUT and keeps the answer in STATE (throw GoBack to return to the step before). */
  ask(input: MultiStepInput, state: S): Promise<void>;
  /** This step's row of a summary step, [label, value]; shown whether or not the step was asked. */
  summary?(state: S): [string, string];
}

/** The steps of STEPS that apply to STATE, in order. */
export function applicable<S>(steps: readonly FlowStep<S>[], state: S): FlowStep<S>[] {
  return steps.filter((s) => !s.when || s.when(state));
}

/** The summary rows the steps declare. */
export function summaryRows<S>(steps: readonly FlowStep<S>[], state: S): [string, string][] {
  return steps.flatMap((s) => (s.summary ? [s.summary(state)] : []));
}

/** Asks the applicable STEPS in order; resolves with STATE once the last one is answered, rejects with Cancelled on Escape. */
export async function runFlow<S>(title: string, state: S, steps: readonly FlowStep<S>[]): Promise<S> {
  const from = (index: number): Step | undefined => {
    const at = steps.findIndex((s, i) => i >= index && (!s.when || s.when(state)));
    if (at < 0) return undefined;
    return async (input) => {
      await steps[at].ask(input, state);
      return from(at + 1);
    };
  };
  const first = from(0);
  if (first) await MultiStepInput.run(title, () => applicable(steps, state).length, first);
  return state;
}
