// The Lambda entry points behind MskDualStackSwitch (`index.onEvent`, `index.isComplete`), bundled
// with their own @aws-sdk/client-kafka by esbuild (see .projenrc.ts): the SDK in the Lambda runtime
// may predate the dual-stack fields, and an SDK that does not know a response field drops it
// without a word.
//
// Each takes exactly what the Node.js runtime passes, (event, context); the logic and its seams
// (clients, clock) are behind them, in dual-stack-switch-steps.ts and dual-stack-switch-seams.ts.
import { LambdaContext, runtimeSeams } from './dual-stack-switch-seams';
import { isCompleteWith, onEventWith, SwitchEvent } from './dual-stack-switch-steps';

/** The Provider framework's onEvent: notes when the wait begins. */
export async function onEvent(event: SwitchEvent, context: LambdaContext) {
  return onEventWith(event, runtimeSeams(context));
}

/** The Provider framework's isComplete: one look at the cluster (see isCompleteWith). */
export async function isComplete(event: SwitchEvent, context: LambdaContext) {
  return isCompleteWith(event, runtimeSeams(context));
}
