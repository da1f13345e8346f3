/**
 * What an MSK cluster ARN says about the cluster's kind. The ARN ends in `<uuid>-<n>` for a
 * provisioned cluster and `<uuid>-s<n>` for a serverless one: the form MSK returns
 * (`DescribeClusterV2` gives `ClusterType: SERVERLESS` with `...-s2`, provisioned clusters end in
 * `-2`, `-5`, `-25`). The Kafka API reference does not state it as a contract, so a value of
 * neither form is not judged.
 */
export function mskClusterKindOfArn(clusterArn: string): 'PROVISIONED' | 'SERVERLESS' | undefined {
  const match = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(s?)\d+$/.exec(clusterArn);
  if (match === null) {
    return undefined;
  }
  return match[1] === 's' ? 'SERVERLESS' : 'PROVISIONED';
}
