import { kafkaVersionSupportsDualStack } from '../prerequisites/msk/msk-dual-stack-kafka-version';

/**
 * An Apache Kafka version of Amazon MSK.
 *
 * Dual-stack needs 3.6.0 or later, so only those are listed; `of()` takes any version MSK
 * offers, including ones released after this library.
 */
export class KafkaVersion {
  /** Kafka 3.6.0, the first version with dual-stack (IPv4 and IPv6) connectivity. */
  public static readonly V3_6_0 = new KafkaVersion('3.6.0');
  /** Kafka 3.7.x, ZooKeeper mode. */
  public static readonly V3_7_X = new KafkaVersion('3.7.x');
  /** Kafka 3.7.x, KRaft mode. */
  public static readonly V3_7_X_KRAFT = new KafkaVersion('3.7.x.kraft');
  /** Kafka 3.8.x, ZooKeeper mode: MSK's recommended version. */
  public static readonly V3_8_X = new KafkaVersion('3.8.x');
  /** Kafka 3.8.x, KRaft mode. */
  public static readonly V3_8_X_KRAFT = new KafkaVersion('3.8.x.kraft');
  /** Kafka 3.9.x, ZooKeeper mode. */
  public static readonly V3_9_X = new KafkaVersion('3.9.x');
  /** Kafka 3.9.x, KRaft mode. */
  public static readonly V3_9_X_KRAFT = new KafkaVersion('3.9.x.kraft');
  /** Kafka 4.0.x (KRaft only). */
  public static readonly V4_0_X_KRAFT = new KafkaVersion('4.0.x.kraft');
  /** Kafka 4.1.x (KRaft only). */
  public static readonly V4_1_X_KRAFT = new KafkaVersion('4.1.x.kraft');

  /**
   * A version this library does not list yet, as MSK names it (`'4.2.x.kraft'`).
   */
  public static of(version: string): KafkaVersion {
    return new KafkaVersion(version);
  }

  private constructor(
    /** The version as MSK names it. */
    public readonly version: string,
  ) {}

  /**
   * Whether MSK offers dual-stack connectivity on this version (3.6.0 or later). `undefined` when
   * the version cannot be read (a token).
   */
  public get supportsDualStack(): boolean | undefined {
    return kafkaVersionSupportsDualStack(this.version);
  }
}
