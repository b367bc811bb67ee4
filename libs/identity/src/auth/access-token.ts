/** The claims of a Haven access token (HS256). `sk` is the session secret, base64url. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  sk: string;
  role: string;
}
