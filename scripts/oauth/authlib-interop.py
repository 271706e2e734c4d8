#!/usr/bin/env python3
"""OAuth 2.0 interoperability check of CinemaAuthHost with Authlib (Debian python3-authlib), a client nobody here wrote.

    authlib-interop.py BASE_URL CLIENT_ID CLIENT_SECRET

Reads the RFC 8414 metadata, fetches a token with client credentials (client_secret_basic), calls a protected route
(GET /movies, movies:read), introspects the token (RFC 7662), revokes it (RFC 7009), introspects again (active: false)
and calls the route again (401). Prints one JSON line of what it saw; exits non-zero on the first mismatch.
"""
import json
import sys

import requests
from authlib.integrations.requests_client import OAuth2Session


def check(condition, what):
    if not condition:
        print(json.dumps({"failed": what}))
        sys.exit(1)


def main():
    base, client_id, client_secret = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    metadata = requests.get(base + "/.well-known/oauth-authorization-server", timeout=30).json()
    check(metadata["issuer"] == base, "issuer is the base URL")
    for name in ("token_endpoint", "revocation_endpoint", "introspection_endpoint", "jwks_uri"):
        check(metadata[name].startswith(base + "/"), name + " on this host")
    check("client_credentials" in metadata["grant_types_supported"], "client_credentials advertised")
    check("client_secret_basic" in metadata["token_endpoint_auth_methods_supported"], "client_secret_basic advertised")

    session = OAuth2Session(client_id, client_secret, token_endpoint_auth_method="client_secret_basic",
                            revocation_endpoint_auth_method="client_secret_basic", scope="movies:read tokens:introspect")
    token = session.fetch_token(metadata["token_endpoint"], grant_type="client_credentials")
    check(token["token_type"] == "Bearer" and token.get("expires_in", 0) > 0, "a bearer token with expires_in")
    check(set(token["scope"].split()) == {"movies:read", "tokens:introspect"}, "the requested scope")

    movies = session.get(base + "/movies", timeout=30)
    check(movies.status_code == 200, "GET /movies with the client token: %d" % movies.status_code)

    active = session.introspect_token(metadata["introspection_endpoint"], token=token["access_token"]).json()
    check(active["active"] is True and active["client_id"] == client_id and active["sub"] == client_id, "introspection: active")

    revoked = session.revoke_token(metadata["revocation_endpoint"], token=token["access_token"], token_type_hint="access_token")
    check(revoked.status_code == 200, "revocation: %d" % revoked.status_code)

    # The revoked token cannot authenticate the introspection call itself: authenticate with the secret only.
    inactive = requests.post(metadata["introspection_endpoint"], data={"token": token["access_token"]},
                             auth=(client_id, client_secret), timeout=30).json()
    check(inactive == {"active": False}, "introspection after revocation: %s" % inactive)

    after = requests.get(base + "/movies", headers={"Authorization": "Bearer " + token["access_token"]}, timeout=30)
    check(after.status_code == 401, "GET /movies after revocation: %d" % after.status_code)
    print(json.dumps({"ok": True, "scope": token["scope"], "introspected": active["scope"]}))


if __name__ == "__main__":
    main()
