// The switch's logic through its seam: the fake MSK's model as the API clients, a fake clock.
import { ROLE_ARN } from './fake-kafka';
import { UserFunctions } from './provider-framework';
import { Clock, SwitchApis } from '../../lib/msk/handlers/dual-stack-switch-seams';
import { isCompleteWith, onEventWith } from '../../lib/msk/handlers/dual-stack-switch-steps';

/** The provider's two functions, calling the logic behind the entry points with these seams. */
export function seamFunctions(apis: SwitchApis, clock: Clock): UserFunctions {
  return {
    onEvent: async event => onEventWith(event, { clock }),
    isComplete: async (event, context) => isCompleteWith(event, { apis, clock, caller: { roleArn: ROLE_ARN, functionName: context.functionName } }),
  };
}
