import { DescribeClusterV2Command, GetBootstrapBrokersCommand, UpdateConnectivityCommand } from '@aws-sdk/client-kafka';
import { isComplete, KafkaApi, onEvent, SwitchEvent } from '../../lib/msk/handlers/dual-stack-switch.handler';

const ARN = 'arn:aws:kafka:eu-west-1:111111111111:cluster/orders/uuid';

/** A fake Kafka API: answers DescribeClusterV2 from `clusters` in turn, records every call. */
function fakeKafka(clusters: object[], brokers: object = {}) {
  const calls: Array<[string, any]> = [];
  const client: KafkaApi = {
    async send(command) {
      calls.push([command.constructor.name, command.input]);
      if (command instanceof DescribeClusterV2Command) {
        return { ClusterInfo: clusters.length > 1 ? clusters.shift() : clusters[0] };
      }
      if (command instanceof GetBootstrapBrokersCommand) {
        return brokers;
      }
      return {};
    },
  };
  return { client, calls };
}

const provisioned = (state: string, networkType?: string) => ({
  State: state,
  CurrentVersion: 'K3AEGXETSR30VB',
  Provisioned: { BrokerNodeGroupInfo: { ConnectivityInfo: networkType ? { NetworkType: networkType } : {} } },
});
const event = (type: SwitchEvent['RequestType'], required?: string[]): SwitchEvent => ({
  RequestType: type,
  PhysicalResourceId: ARN,
  ResourceProperties: { ClusterArn: ARN, RequiredBootstrapBrokers: required },
});

describe('onEvent', () => {
  test('an IPv4 cluster: UpdateConnectivity with its current version and the network type alone', async () => {
    const { client, calls } = fakeKafka([provisioned('ACTIVE')]);
    await expect(onEvent(event('Create'), client)).resolves.toEqual({ PhysicalResourceId: ARN });
    expect(calls).toEqual([
      ['DescribeClusterV2Command', { ClusterArn: ARN }],
      ['UpdateConnectivityCommand', { ClusterArn: ARN, CurrentVersion: 'K3AEGXETSR30VB', ConnectivityInfo: { NetworkType: 'DUAL' } }],
    ]);
    expect(calls[1][0]).toBe(UpdateConnectivityCommand.name);
  });

  test('a cluster that is already DUAL (provisioned or serverless) is left alone', async () => {
    for (const cluster of [provisioned('ACTIVE', 'DUAL'), { State: 'ACTIVE', Serverless: { ConnectivityInfo: { NetworkType: 'DUAL' } } }]) {
      const { client, calls } = fakeKafka([cluster]);
      await onEvent(event('Update'), client);
      expect(calls.map(c => c[0])).toEqual(['DescribeClusterV2Command']);
    }
  });

  test('a cluster that is not ACTIVE fails with its state', async () => {
    const { client } = fakeKafka([provisioned('UPDATING')]);
    await expect(onEvent(event('Create'), client)).rejects.toThrow(/is UPDATING; MSK changes the network type of ACTIVE clusters only/);
  });

  test('Delete calls nothing: the switch is one way', async () => {
    const { client, calls } = fakeKafka([provisioned('ACTIVE', 'DUAL')]);
    await expect(onEvent(event('Delete'), client)).resolves.toEqual({ PhysicalResourceId: ARN });
    expect(calls).toEqual([]);
  });
});

describe('isComplete', () => {
  test('waits while the cluster updates, then returns every bootstrap string', async () => {
    const { client } = fakeKafka([provisioned('UPDATING', 'IPV4'), provisioned('ACTIVE', 'DUAL')], {
      BootstrapBrokerStringSaslIam: 'b-1.orders.kafka.eu-west-1.amazonaws.com:9098',
      BootstrapBrokerStringSaslIamIpv6: 'bi6-1.orders.kafka.eu-west-1.amazonaws.com:20098',
    });
    const required = ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6'];
    await expect(isComplete(event('Create', required), client)).resolves.toEqual({ IsComplete: false });
    const done = await isComplete(event('Create', required), client);
    expect(done.IsComplete).toBe(true);
    expect(done.Data).toEqual({
      BootstrapBrokerString: '',
      BootstrapBrokerStringIpv6: '',
      BootstrapBrokerStringTls: '',
      BootstrapBrokerStringTlsIpv6: '',
      BootstrapBrokerStringSaslScram: '',
      BootstrapBrokerStringSaslScramIpv6: '',
      BootstrapBrokerStringSaslIam: 'b-1.orders.kafka.eu-west-1.amazonaws.com:9098',
      BootstrapBrokerStringSaslIamIpv6: 'bi6-1.orders.kafka.eu-west-1.amazonaws.com:20098',
    });
  });

  test('ACTIVE but still IPv4 is not done', async () => {
    const { client } = fakeKafka([provisioned('ACTIVE', 'IPV4')]);
    await expect(isComplete(event('Update'), client)).resolves.toEqual({ IsComplete: false });
  });

  test('a required string that MSK (or an SDK that drops it) does not return fails the deployment', async () => {
    const { client } = fakeKafka([provisioned('ACTIVE', 'DUAL')], { BootstrapBrokerStringSaslIam: 'b-1:9098' });
    await expect(isComplete(event('Create', ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslIamIpv6']), client))
      .rejects.toThrow(/returned no BootstrapBrokerStringSaslIamIpv6/);
  });

  test('a FAILED cluster fails with its state info', async () => {
    const { client } = fakeKafka([{ ...provisioned('FAILED'), StateInfo: { Code: 'X', Message: 'subnet has no IPv6' } }]);
    await expect(isComplete(event('Create'), client)).rejects.toThrow(/FAILED after the switch to dual-stack: .*subnet has no IPv6/);
  });

  test('Delete is complete at once', async () => {
    const { client, calls } = fakeKafka([]);
    await expect(isComplete(event('Delete'), client)).resolves.toEqual({ IsComplete: true });
    expect(calls).toEqual([]);
  });
});
