import * as eks from './eks';
import * as msk from './msk';
import * as vpc from './vpc';
import { Ipv6ReadinessRule } from '../ipv6-readiness-rule';

// Each area's index exports its rules and nothing else.
const byNumber = (a: Ipv6ReadinessRule, b: Ipv6ReadinessRule) => Number(a.id.split('-').pop()) - Number(b.id.split('-').pop());

/** Every rule of the pack: VPC, MSK, then EKS, each by number, as in the README table. */
export const ALL_RULES: Ipv6ReadinessRule[] = [vpc, msk, eks].flatMap(area => Object.values<Ipv6ReadinessRule>(area).sort(byNumber));
