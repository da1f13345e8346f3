// The fake MSK control plane and CloudFormation (fake-kafka.ts) over HTTP on 127.0.0.1, speaking
// the wire protocols the SDK v3 clients in the handler's bundle speak: MSK's REST-JSON (paths and
// lower-camel JSON names of its service model) and CloudFormation's query protocol (form-encoded
// POST, XML answers). The handler reaches it through AWS_ENDPOINT_URL_KAFKA and
// AWS_ENDPOINT_URL_CLOUDFORMATION; nothing of the SDK is replaced.
import * as http from 'http';
import { AddressInfo } from 'net';
import { CommandName, FakeKafka } from './fake-kafka';

const CFN_NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** MSK's REST routes of the operations the switch calls (@aws-sdk/client-kafka's `http` traits). */
const KAFKA_ROUTES: Array<[string, RegExp, CommandName, string]> = [
  ['GET', /^\/api\/v2\/clusters\/([^/]+)$/, 'DescribeClusterV2', 'ClusterArn'],
  ['GET', /^\/api\/v2\/clusters\/([^/]+)\/operations$/, 'ListClusterOperationsV2', 'ClusterArn'],
  ['GET', /^\/api\/v2\/operations\/([^/]+)$/, 'DescribeClusterOperationV2', 'ClusterOperationArn'],
  ['PUT', /^\/v1\/clusters\/([^/]+)\/connectivity$/, 'UpdateConnectivity', 'ClusterArn'],
  ['GET', /^\/v1\/clusters\/([^/]+)\/bootstrap-brokers$/, 'GetBootstrapBrokers', 'ClusterArn'],
];

export class FakeMskEndpoint {
  /** The model that answers; a scenario sets its own. */
  model?: FakeKafka;
  /** Requests the endpoint could not route (a wrong path or method is a finding, not a 404 to retry). */
  readonly unrouted: string[] = [];
  private readonly server = http.createServer((req, res) => this.serve(req, res));
  private requests = 0;

  async start(): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      this.answer(req, res, Buffer.concat(chunks).toString('utf8')).catch(error => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const model = this.model!;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const requestId = `fake-${++this.requests}`;
    // The server's date on the scenario's clock, as AWS's would be on its own.
    res.sendDate = false;
    const headers = { 'x-amzn-requestid': requestId, 'date': new Date(this.clockNow()).toUTCString() };
    if (req.method === 'POST' && url.pathname === '/') {
      const form = new URLSearchParams(body);
      if (form.get('Action') !== 'DescribeStacks') {
        this.unrouted.push(`CloudFormation ${form.get('Action')}`);
        res.writeHead(400, headers).end();
        return;
      }
      try {
        const result = await model.handle('DescribeStacks', { StackName: form.get('StackName') });
        res.writeHead(200, { ...headers, 'content-type': 'text/xml' }).end(`<DescribeStacksResponse xmlns="${CFN_NAMESPACE}"><DescribeStacksResult>`
          + `<Stacks>${result.Stacks.map((stack: object) => `<member>${xml(stack)}</member>`).join('')}</Stacks>`
          + `</DescribeStacksResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></DescribeStacksResponse>`);
      } catch (error: any) {
        if (this.dropped(error, res)) return;
        res.writeHead(status(error), { ...headers, 'content-type': 'text/xml' }).end(`<ErrorResponse xmlns="${CFN_NAMESPACE}"><Error>`
          + `<Type>${status(error) >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${error.name}</Code><Message>${escape(error.message)}</Message>`
          + `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
      }
      return;
    }
    const route = KAFKA_ROUTES.find(([method, path]) => method === req.method && path.test(url.pathname));
    if (route === undefined) {
      this.unrouted.push(`${req.method} ${url.pathname}`);
      res.writeHead(404, { ...headers, 'x-amzn-errortype': 'NotFoundException' }).end(JSON.stringify({ message: `no route ${url.pathname}` }));
      return;
    }
    const [, path, name, label] = route;
    const input: Record<string, unknown> = { [label]: decodeURIComponent(path.exec(url.pathname)![1]), ...upperCamel(body ? JSON.parse(body) : {}) };
    url.searchParams.forEach((value, key) => {
      input[key.charAt(0).toUpperCase() + key.slice(1)] = /^\d+$/.test(value) ? Number(value) : value;
    });
    try {
      const result = await model.handle(name, input);
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(lowerCamel(result)));
    } catch (error: any) {
      if (this.dropped(error, res)) return;
      res.writeHead(status(error), { ...headers, 'content-type': 'application/json', 'x-amzn-errortype': error.name })
        .end(JSON.stringify({ message: error.message }));
    }
  }

  /** A network fault: the connection is dropped without an answer. */
  private dropped(error: any, res: http.ServerResponse): boolean {
    if (error.code === 'ECONNRESET') {
      res.socket?.destroy();
      return true;
    }
    return false;
  }

  private clockNow(): number {
    return (this.model as any)?.clock?.now() ?? Date.now();
  }
}

function status(error: any): number {
  return error.$metadata?.httpStatusCode ?? 500;
}

/** MSK's JSON names are its members' names with a lower-case first letter (its model's jsonName traits). */
function lowerCamel(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(lowerCamel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), lowerCamel(v)]));
  }
  return value;
}

function upperCamel(value: unknown): any {
  if (Array.isArray(value)) return value.map(upperCamel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), upperCamel(v)]));
  }
  return value;
}

function xml(value: object): string {
  return Object.entries(value).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${v instanceof Date ? v.toISOString() : escape(String(v))}</${k}>`).join('');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
