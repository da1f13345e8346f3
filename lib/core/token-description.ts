import { CfnParameter, Reference, Tokenization } from 'aws-cdk-lib';

/**
 * Names an unresolved value for an error message: printing a token shows its encoding
 * (`${Token[TOKEN.123]}`, or a number such as -1.888e+289), which tells the user nothing.
 */
export function describeToken(value: string | number): string {
  const token = typeof value === 'number' ? Tokenization.reverseNumber(value) : Tokenization.reverseString(value).firstToken;
  if (token !== undefined && Reference.isReference(token)) {
    return token.target instanceof CfnParameter ? `the CfnParameter ${token.target.node.path}` : `a reference to ${token.target.node.path} (${token.displayName})`;
  }
  return 'a token';
}
