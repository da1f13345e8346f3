import * as eks from './eks';
import * as elb from './elb';
import * as k8s from './k8s';
import * as msk from './msk';
import { Prerequisite } from './prerequisite';
import * as vpc from './vpc';

// Each area's index exports its prerequisite modules: the prerequisites and the facts beside them.
const byNumber = (a: Prerequisite, b: Prerequisite) => Number(a.id.split('-').pop()) - Number(b.id.split('-').pop());

function isPrerequisite(value: unknown): value is Prerequisite {
  return typeof value === 'object' && value !== null && typeof (value as Prerequisite).id === 'string'
    && typeof (value as Prerequisite).evaluate === 'function';
}

/** Every prerequisite, the catalogue: VPC, MSK, EKS, the Kubernetes layer, then load balancing, each by number, as in the README table. */
export const ALL_PREREQUISITES: Prerequisite[] = [vpc, msk, eks, k8s, elb]
  .flatMap(area => Object.values<unknown>(area).filter(isPrerequisite).sort(byNumber));
