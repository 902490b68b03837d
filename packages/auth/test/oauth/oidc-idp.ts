import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export interface IdpUser {
  readonly email: string;
  readonly email_verified: boolean;
  readonly name: string;
  readonly groups: readonly string[];
}

export interface OidcIdp {
  readonly issuer: string;
  /**
   * Reaches the IdP at its issuer URL: with a fixed https issuer (the Google stand-in) it sends requests
   * for the issuer's origin to the local port, as the TLS-terminating proxy in front of it would.
   */
  readonly fetch: typeof fetch;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The account the next interactive sign-in finishes as (what a person would type at the IdP). */
  signInAs(accountId: string): void;
  /** `grant.error` / `authorization.error` details seen, newest last (oidc-provider's own reasons). */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`, pinned) on 127.0.0.1:0 as the upstream IdP:
 * discovery, JWKS, code + PKCE (required), state, nonce, ES256 id tokens carrying email and groups.
 * Sign-in and consent are approved by an interaction route of ours, so a headless "browser" only
 * follows redirects.
 */
export async function startOidcIdp(options: {
  readonly redirectUris: readonly string[];
  readonly users: Readonly<Record<string, IdpUser>>;
  /** A fixed issuer (e.g. `https://accounts.google.com`), served from 127.0.0.1 behind `fetch`. */
  readonly issuer?: string;
}): Promise<OidcIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? local;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "idp-es256", alg: "ES256", use: "sig" };
  let nextAccount = Object.keys(options.users)[0] ?? "nobody";
  const errors: string[] = [];
  const clientId = "coordinator";
  const clientSecret = "idp-client-secret-0123456789abcdef";
  const quiet = { warn: console.warn, info: console.info };
  console.warn = () => {};
  console.info = () => {};
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [...options.redirectUris],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "ES256",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    conformIdTokenClaims: false,
    ttl: {
      Interaction: 600,
      Session: 3_600,
      Grant: 3_600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/test-interaction/${interaction.uid}`,
    },
    async findAccount(_ctx: unknown, id: string) {
      const user = options.users[id];
      if (user === undefined) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...user }) };
    },
  });
  console.warn = quiet.warn;
  console.info = quiet.info;
  // Behind the "proxy" of `fetch` below, the forwarded protocol and host are the issuer's.
  provider.proxy = options.issuer !== undefined;
  provider.on("grant.error", (_ctx: unknown, error: { error_detail?: string; message: string }) =>
    errors.push(error.error_detail ?? error.message),
  );
  provider.on("authorization.error", (_ctx: unknown, error: { error_detail?: string; message: string }) =>
    errors.push(error.error_detail ?? error.message),
  );
  const callback = provider.callback();
  server.on("request", async (req, res) => {
    if (!req.url?.startsWith("/test-interaction/")) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextAccount } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({
        accountId: details.session?.accountId as string,
        clientId: details.params.client_id as string,
      });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  const issuerOrigin = new URL(issuer).origin;
  const reach: typeof fetch = (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    if (target.origin !== issuerOrigin || issuerOrigin === local) return fetch(input, init);
    const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
    headers.set("x-forwarded-proto", target.protocol.replace(":", ""));
    headers.set("x-forwarded-host", target.host);
    const rewritten = `${local}${target.pathname}${target.search}`;
    if (input instanceof Request) return fetch(new Request(rewritten, input), { headers });
    return fetch(rewritten, { ...init, headers });
  };
  return {
    issuer,
    fetch: reach,
    clientId,
    clientSecret,
    signInAs: (accountId) => {
      nextAccount = accountId;
    },
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
