/**
 * How clients authenticate to an MSK cluster. Every method enabled opens its own listener port,
 * one for IPv4 clients (9xxx) and one for IPv6 clients (20xxx).
 */
export interface MskClientAuthentication {
  /**
   * SASL/IAM: clients sign in with AWS credentials and are authorized by IAM policies
   * (`grantConnect`, `grantReadTopic`, ...). Ports 9098 and 20098.
   * @default true
   */
  readonly iam?: boolean;

  /**
   * SASL/SCRAM: user names and passwords in AWS Secrets Manager. Ports 9096 and 20096.
   * @default false
   */
  readonly scram?: boolean;

  /**
   * Mutual TLS: client certificates issued by these AWS Private CA authorities (ARNs).
   * Ports 9094 and 20094.
   * @default - no mutual TLS
   */
  readonly mutualTlsCertificateAuthorityArns?: string[];

  /**
   * Unauthenticated clients: anyone who reaches the port. Ports 9094/20094 over TLS, and
   * 9092/20092 when `clientBrokerEncryption` allows plaintext.
   * @default false
   */
  readonly unauthenticated?: boolean;
}

/**
 * Encryption between clients and brokers.
 */
export enum ClientBrokerEncryption {
  /** TLS only. */
  TLS = 'TLS',
  /** TLS and plaintext; plaintext serves unauthenticated clients only. */
  TLS_PLAINTEXT = 'TLS_PLAINTEXT',
  /** Plaintext only, unauthenticated clients only. */
  PLAINTEXT = 'PLAINTEXT',
}

/**
 * How much CloudWatch monitoring the cluster sends.
 */
export enum MskMonitoringLevel {
  /** Cluster- and broker-level basics, free. */
  DEFAULT = 'DEFAULT',
  /** Per broker. */
  PER_BROKER = 'PER_BROKER',
  /** Per topic per broker. */
  PER_TOPIC_PER_BROKER = 'PER_TOPIC_PER_BROKER',
  /** Per topic per partition. */
  PER_TOPIC_PER_PARTITION = 'PER_TOPIC_PER_PARTITION',
}
