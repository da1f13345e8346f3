/** What every output format may be given besides the result. */
export interface FormatOptions {
  /**
   * The CDK app's source directory: SARIF results point at source files under it where the cloud
   * assembly keeps the construct's creation stack trace.
   * @default - results point at the templates
   */
  readonly sourceRoot?: string;
}
