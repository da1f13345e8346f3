import * as eks from './eks';
import * as msk from './msk';
import { Prerequisite } from './prerequisite';
import * as vpc from './vpc';

// Each area's index exports its prerequisites and nothing else.
const byNumber = (a: Prerequisite, b: Prerequisite) => Number(a.id.split('-').pop()) - Number(b.id.split('-').pop());

/** Every prerequisite, the catalogue: VPC, MSK, then EKS, each by number, as in the README table. */
export const ALL_PREREQUISITES: Prerequisite[] = [vpc, msk, eks].flatMap(area => Object.values<Prerequisite>(area).sort(byNumber));
