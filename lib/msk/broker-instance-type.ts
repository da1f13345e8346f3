/**
 * An Amazon MSK broker instance type: Standard (`kafka.*`) or Express (`express.*`) brokers.
 */
export class BrokerInstanceType {
  /** Standard broker, 2 vCPU, 8 GiB, Graviton3. */
  public static readonly KAFKA_M7G_LARGE = new BrokerInstanceType('kafka.m7g.large');
  /** Standard broker, 4 vCPU, 16 GiB, Graviton3. */
  public static readonly KAFKA_M7G_XLARGE = new BrokerInstanceType('kafka.m7g.xlarge');
  /** Standard broker, 8 vCPU, 32 GiB, Graviton3. */
  public static readonly KAFKA_M7G_2XLARGE = new BrokerInstanceType('kafka.m7g.2xlarge');
  /** Standard broker, 2 vCPU, 8 GiB. */
  public static readonly KAFKA_M5_LARGE = new BrokerInstanceType('kafka.m5.large');
  /** Standard broker, 4 vCPU, 16 GiB. */
  public static readonly KAFKA_M5_XLARGE = new BrokerInstanceType('kafka.m5.xlarge');
  /** Standard burstable broker for development. MSK does not offer dual-stack on it. */
  public static readonly KAFKA_T3_SMALL = new BrokerInstanceType('kafka.t3.small');
  /** Express broker, 2 vCPU, 8 GiB: storage is managed, no EBS volume. */
  public static readonly EXPRESS_M7G_LARGE = new BrokerInstanceType('express.m7g.large');
  /** Express broker, 4 vCPU, 16 GiB. */
  public static readonly EXPRESS_M7G_XLARGE = new BrokerInstanceType('express.m7g.xlarge');
  /** Express broker, 8 vCPU, 32 GiB. */
  public static readonly EXPRESS_M7G_2XLARGE = new BrokerInstanceType('express.m7g.2xlarge');

  /**
   * A type this library does not list, as MSK names it (`'kafka.m7g.4xlarge'`).
   */
  public static of(name: string): BrokerInstanceType {
    return new BrokerInstanceType(name);
  }

  private constructor(
    /** The type as MSK names it. */
    public readonly name: string,
  ) {}

  /** Whether it is an Express broker, whose storage MSK manages (no EBS settings). */
  public get isExpress(): boolean {
    return this.name.startsWith('express.');
  }
}
