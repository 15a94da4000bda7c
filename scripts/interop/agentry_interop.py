#!/usr/bin/env python3
"""Interop checks between Agentry and real Python JOSE/OAuth clients (PyJWT, jwcrypto, authlib).

Run by Tests/IntegrationTests/InteropTests.swift against an Agentry server on 127.0.0.1 only.

  keys DIR                 make one signing key per algorithm; write DIR/jwks.json (public) and DIR/keys.json
  run  --endpoint URL ...  read Agentry tokens (JSON list) on stdin, then print one JSON report:
     verify:   every Agentry token verified by each library through Agentry's JWKS (by kid; one entry per alg)
     jwks:     every key in the JWKS imported by each library
     authlib:  client_credentials, token exchange, introspection and revocation through authlib's OAuth2 client
     signed:   tokens each library signs (every algorithm it supports) presented to Agentry
     hostile:  tokens Agentry must refuse (alg none, HS256 with the public key, unknown key)
  verify --endpoint URL    read Agentry tokens (JSON list) on stdin; print the verify rows alone (key rotation)
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import time
import uuid
import warnings

warnings.filterwarnings("ignore")

import jwt as pyjwt  # noqa: E402
import requests  # noqa: E402
from authlib.integrations.requests_client import OAuth2Session  # noqa: E402
from authlib.jose import JsonWebKey, JsonWebToken  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa  # noqa: E402
from jwcrypto import jwk as jwc_jwk, jwt as jwc_jwt  # noqa: E402

ALGORITHMS = ["ES256", "ES384", "RS256", "PS256", "EdDSA"]
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token"


def private_key(alg):
    if alg == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    if alg == "ES384":
        return ec.generate_private_key(ec.SECP384R1())
    if alg in ("RS256", "PS256"):
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ed25519.Ed25519PrivateKey.generate()


def make_keys(directory):
    public, private = [], {}
    for alg in ALGORITHMS:
        key = private_key(alg)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        jwk = json.loads(jwc_jwk.JWK.from_pem(pem.encode()).export_public())
        jwk.update({"kid": "interop-" + alg.lower(), "alg": alg, "use": "sig"})
        public.append(jwk)
        private[alg] = pem
    with open(f"{directory}/jwks.json", "w") as out:
        json.dump({"keys": public}, out)
    with open(f"{directory}/keys.json", "w") as out:
        json.dump(private, out)


def header_of(token):
    part = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def verify_agentry_tokens(jwks, tokens, audience):
    """Each library verifies each Agentry token with the JWKS key named by its kid."""
    results = []
    jwc_set = jwc_jwk.JWKSet.from_json(json.dumps(jwks))
    authlib_set = JsonWebKey.import_key_set(jwks)
    for token in tokens:
        header = header_of(token)
        alg, kid = header.get("alg"), header.get("kid")
        entry = {"alg": alg, "kid": kid}
        try:
            key = pyjwt.PyJWK({k: v for k, v in next(k for k in jwks["keys"] if k.get("kid") == kid).items()})
            claims = pyjwt.decode(token, key.key, algorithms=[alg], audience=audience)
            entry["pyjwt"] = bool(claims.get("sub"))
        except Exception as error:  # noqa: BLE001 - reported, not raised
            entry["pyjwt"] = False
            entry["pyjwt_error"] = type(error).__name__
        try:
            parsed = jwc_jwt.JWT(jwt=token, key=jwc_set, algs=[alg], expected_type="JWS")
            entry["jwcrypto"] = bool(json.loads(parsed.claims).get("sub"))
        except Exception as error:  # noqa: BLE001
            entry["jwcrypto"] = False
            entry["jwcrypto_error"] = type(error).__name__
        try:
            claims = JsonWebToken([alg]).decode(token, authlib_set)
            claims.validate()
            entry["authlib"] = bool(claims.get("sub"))
        except Exception as error:  # noqa: BLE001
            entry["authlib"] = False
            entry["authlib_error"] = type(error).__name__
        results.append(entry)
    return results


def import_jwks(jwks):
    rows = []
    for key in jwks["keys"]:
        row = {"kid": key.get("kid"), "alg": key.get("alg")}
        for name, load in (
            ("pyjwt", lambda k: pyjwt.PyJWK(k)),
            ("jwcrypto", lambda k: jwc_jwk.JWK(**k)),
            ("authlib", lambda k: JsonWebKey.import_key(k)),
        ):
            try:
                load(key)
                row[name] = True
            except Exception:  # noqa: BLE001
                row[name] = False
        rows.append(row)
    return rows


def authlib_flows(endpoint, client_id, secret, subject):
    """client_credentials, token exchange, introspection and revocation with authlib's OAuth2 client."""
    session = OAuth2Session(client_id, secret, token_endpoint_auth_method="client_secret_basic")
    report = {}
    token = session.fetch_token(
        endpoint + "/oauth2/token", grant_type="client_credentials", scope="billing:read", audience="billing"
    )
    report["client_credentials_scope"] = token.get("scope")
    exchanged = session.fetch_token(
        endpoint + "/oauth2/token",
        grant_type=TOKEN_EXCHANGE,
        subject_token=subject,
        subject_token_type=ACCESS_TOKEN,
        audience="billing",
        scope="billing:write",
    )
    report["exchange_issued_token_type"] = exchanged.get("issued_token_type")
    report["exchange_scope"] = exchanged.get("scope")
    access = exchanged["access_token"]
    post = OAuth2Session(client_id, secret, token_endpoint_auth_method="client_secret_post")
    active = post.introspect_token(endpoint + "/oauth2/introspect", token=access).json()
    report["introspection_active"] = active.get("active")
    report["introspection_act"] = active.get("act")
    report["introspection_scope"] = active.get("scope")
    report["introspection_numbers_are_integers"] = all(isinstance(active.get(k), int) for k in ("exp", "iat"))
    revoked = session.revoke_token(endpoint + "/oauth2/revoke", token=access)
    report["revocation_status"] = revoked.status_code
    report["introspection_after_revocation"] = session.introspect_token(
        endpoint + "/oauth2/introspect", token=access
    ).json()
    anonymous = requests.post(endpoint + "/oauth2/introspect", data={"token": access}, timeout=10)
    report["anonymous_introspection_status"] = anonymous.status_code
    return report


def claims_for(issuer):
    now = int(time.time())
    return {"iss": issuer, "sub": "ext-user", "aud": "agentry", "iat": now, "exp": now + 120,
            "jti": str(uuid.uuid4()), "scope": "docs:read"}


def sign_with(library, alg, pem, kid, issuer):
    claims = claims_for(issuer)
    header = {"alg": alg, "kid": kid, "typ": "JWT"}
    if library == "pyjwt":
        return pyjwt.encode(claims, pem, algorithm=alg, headers={"kid": kid})
    if library == "jwcrypto":
        token = jwc_jwt.JWT(header=header, claims=claims)
        token.make_signed_token(jwc_jwk.JWK.from_pem(pem.encode()))
        return token.serialize()
    return JsonWebToken([alg]).encode(header, claims, pem).decode()


def accepted(endpoint, token, client_id, secret):
    edge = requests.get(endpoint + "/knowledge", headers={"Authorization": "Bearer " + token}, timeout=10)
    intro = requests.post(endpoint + "/oauth2/introspect", data={"token": token}, auth=(client_id, secret), timeout=10)
    return {"edge_status": edge.status_code, "introspection_active": intro.json().get("active")}


def signed_by_libraries(endpoint, directory, issuer, client_id, secret):
    with open(f"{directory}/keys.json") as source:
        keys = json.load(source)
    rows = []
    for library in ("pyjwt", "jwcrypto", "authlib"):
        for alg in ALGORITHMS:
            row = {"library": library, "alg": alg}
            try:
                token = sign_with(library, alg, keys[alg], "interop-" + alg.lower(), issuer)
                row.update(accepted(endpoint, token, client_id, secret))
            except Exception as error:  # noqa: BLE001
                row["sign_error"] = type(error).__name__
            rows.append(row)
    return rows


def hostile(endpoint, directory, issuer, client_id, secret):
    """Tokens Agentry must refuse: alg none, HS256 keyed with a public key, a key outside the JWKS."""
    with open(f"{directory}/jwks.json") as source:
        jwks = json.load(source)
    claims = claims_for(issuer)
    unsigned = pyjwt.encode(claims, None, algorithm="none")
    public = json.dumps(jwks["keys"][0]).encode()
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    head = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "kid": jwks["keys"][0]["kid"]}).encode())
    signing_input = head.rstrip(b"=").decode() + "." + body
    mac = hmac.new(public, signing_input.encode(), hashlib.sha256).digest()
    confused = signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    stranger = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    unknown = pyjwt.encode(claims, stranger, algorithm="ES256", headers={"kid": "interop-es256"})
    return {name: accepted(endpoint, token, client_id, secret)
            for name, token in (("none", unsigned), ("hs256_public_key", confused), ("unknown_key", unknown))}


def run(args):
    tokens = json.load(sys.stdin)
    jwks = requests.get(args.endpoint + "/.well-known/jwks.json", timeout=10).json()
    report = {
        "advertised": sorted({k.get("alg") for k in jwks["keys"] if k.get("alg")}),
        "verify": verify_agentry_tokens(jwks, tokens["agentry"], "agentry"),
        "jwks": import_jwks(jwks),
        "authlib": authlib_flows(args.endpoint, args.client, args.secret, tokens["subject"]),
        "signed": signed_by_libraries(args.endpoint, args.dir, args.issuer, args.client, args.secret),
        "hostile": hostile(args.endpoint, args.dir, args.issuer, args.client, args.secret),
    }
    json.dump(report, sys.stdout)


def verify_only(args):
    tokens = json.load(sys.stdin)
    jwks = requests.get(args.endpoint + "/.well-known/jwks.json", timeout=10).json()
    json.dump({"kids": [k.get("kid") for k in jwks["keys"]],
               "verify": verify_agentry_tokens(jwks, tokens, "agentry")}, sys.stdout)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    keys = commands.add_parser("keys")
    keys.add_argument("dir")
    checks = commands.add_parser("run")
    for name in ("--endpoint", "--dir", "--issuer", "--client", "--secret"):
        checks.add_argument(name, required=True)
    verify = commands.add_parser("verify")
    verify.add_argument("--endpoint", required=True)
    args = parser.parse_args()
    if args.command == "keys":
        make_keys(args.dir)
        return
    if not args.endpoint.startswith("http://127.0.0.1:"):
        parser.error("only a loopback endpoint may be tested")
    if args.command == "verify":
        verify_only(args)
        return
    run(args)


if __name__ == "__main__":
    main()
