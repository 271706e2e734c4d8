#!/usr/bin/env bash
# scripts/downstream-e2e.sh: prove RbacKit works as real NuGet packages in another service.
#
#   1. dotnet pack the solution into artifacts/packages (RbacKit.Core, .EntityFramework, .AspNetCore + .snupkg) and
#      check their contents (scripts/check-packages.py: license, repository commit, README, XML docs, SourceLink PDB)
#   2. restore and build samples/CinemaCatalogService from that folder feed (package references, not project references),
#      and run the store specification suite from the RbacKit.Testing package in a third-party store's test project
#   3. run tests/CinemaCatalogService.Tests (outside the solution, from the same feed): the service in process against an
#      in-process issuer; its TRX lands next to $RBACKIT_E2E_TRX
#   4. start CinemaAuthHost and CinemaCatalogService on loopback, sharing a Redis
#   5. check: anonymous 401, user read 200, user write 403, moderator write 201, garbage token 401,
#      a user's token rejected within 1 s of logout, a token signed after rotate-keys accepted
#
# Prints `downstream-e2e: N passed, N failed`; with RBACKIT_E2E_TRX=path also writes the counts as a TRX file, which
# test.sh adds to its totals; RBACKIT_E2E_NO_BUILD=1 reuses the Release build test.sh made. Uses RBACKIT_TEST_REDIS when set (test.sh), else starts a throwaway redis-server.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TMP=$(mktemp -d /tmp/rbackit-e2e-XXXXXX)
PIDS=()
PASSED=0
FAILED=0
log() { echo "[e2e] $*" >&2; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [[ -n ${OWN_REDIS_PORT:-} ]] && redis-cli -p "$OWN_REDIS_PORT" shutdown nosave >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
# shellcheck source=scripts/trx.sh
source "$ROOT/scripts/trx.sh"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

check() { # check NAME EXPECTED ACTUAL
  if [[ $2 == "$3" ]]; then PASSED=$((PASSED + 1)); log "ok   $1"; else FAILED=$((FAILED + 1)); log "FAIL $1: expected $2, got $3"; fi
}

finish() {
  echo "downstream-e2e: $PASSED passed, $FAILED failed"
  [[ -z ${RBACKIT_E2E_TRX:-} ]] || write_counts_trx "$RBACKIT_E2E_TRX" downstream-e2e "$PASSED" "$FAILED"
  [[ $FAILED == 0 ]]
  exit $?
}

fail_setup() { log "setup failed: $*"; FAILED=$((FAILED + 1)); finish; }

VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
log "packing RbacKit $VERSION"
rm -rf artifacts/packages
NO_BUILD=()
[[ ${RBACKIT_E2E_NO_BUILD:-} == 1 ]] && NO_BUILD=(--no-build) # test.sh has built the solution in Release already
dotnet pack RbacKit.sln -c Release -o artifacts/packages "${NO_BUILD[@]}" --nologo -v quiet > "$TMP/pack.log" 2>&1 || { cat "$TMP/pack.log"; fail_setup "dotnet pack"; }
for id in RbacKit.Core RbacKit.EntityFramework RbacKit.AspNetCore; do
  check "package $id" yes "$([[ -f artifacts/packages/$id.$VERSION.nupkg && -f artifacts/packages/$id.$VERSION.snupkg ]] && echo yes || echo no)"
done
# What a consumer and a debugger get: license expression, repository commit, README, XML docs, SourceLink in the .snupkg.
package_rc=0
PACKAGE_OUT=$(python3 scripts/check-packages.py artifacts/packages "$VERSION" "$(git rev-parse HEAD 2>/dev/null)") || package_rc=$?
mapfile -t PACKAGE_CHECKS <<<"$PACKAGE_OUT"
# One line per package, and a clean exit: a crash half way must not pass for fewer checks.
if ((${#PACKAGE_CHECKS[@]} != 3)) || { ((package_rc != 0)) && ! printf '%s\n' "${PACKAGE_CHECKS[@]}" | grep -q $'\tno'; }; then
  PACKAGE_CHECKS+=($'scripts/check-packages.py checked all three packages\tno')
fi
for line in "${PACKAGE_CHECKS[@]}"; do check "${line%%$'\t'*}" yes "${line#*$'\t'}"; done

# The same version may have been restored before: take it from the feed, not the global cache.
GLOBAL=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
rm -rf "$GLOBAL"/rbackit.core/"$VERSION" "$GLOBAL"/rbackit.aspnetcore/"$VERSION" "$GLOBAL"/rbackit.entityframework/"$VERSION"
log "building the downstream service from the local feed"
dotnet build samples/CinemaCatalogService -c Release -p:RbacKitVersion="$VERSION" --nologo -v quiet -o "$TMP/catalog" > "$TMP/catalog-build.log" 2>&1 || { cat "$TMP/catalog-build.log"; fail_setup "downstream build"; }
check "downstream references the package, not the project" yes "$(grep -q '"RbacKit.AspNetCore/'"$VERSION"'"' samples/CinemaCatalogService/obj/project.assets.json && echo yes || echo no)"
# The store specification suite as a package: a third-party store's test project (here the in-memory reference store,
# from the package) restores RbacKit.Testing from the feed and runs the whole suite.
check "package RbacKit.Testing" yes "$([[ -f artifacts/packages/RbacKit.Testing.$VERSION.nupkg ]] && echo yes || echo no)"
rm -rf "$GLOBAL"/rbackit.testing/"$VERSION"
SPEC=$TMP/spec
mkdir -p "$SPEC"
pkg_version() { sed -n "s:.*<PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*:\1:p" Directory.Packages.props | head -n 1; }
cat > "$SPEC/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="rbackit" value="$ROOT/artifacts/packages" /></packageSources>
</configuration>
XML
cat > "$SPEC/ThirdPartyStore.Tests.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><IsPackable>false</IsPackable></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="RbacKit.Testing" Version="$VERSION" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(pkg_version Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="xunit.runner.visualstudio" Version="$(pkg_version xunit.runner.visualstudio)" />
  </ItemGroup>
</Project>
XML
cat > "$SPEC/ReferenceStoreTests.cs" <<'CS'
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;
using RbacKit.Testing;

public sealed class ReferenceStoreTests : StoreSpecificationTests
{
    protected override Task ConfigureStoresAsync(IServiceCollection services)
    {
        var store = new InMemoryStore();
        // Every store interface the reference store implements (users, roles, sessions, events, keys, recovery codes,
        // permission definitions, mail tokens, the mail outbox, ...), as a third-party store would register its own.
        foreach (var type in store.GetType().GetInterfaces())
        {
            services.AddSingleton(type, store);
        }

        return Task.CompletedTask;
    }
}
CS
log "running the store specification suite from the RbacKit.Testing package"
SPEC_OUT=$(cd "$SPEC" && dotnet test --nologo -v quiet 2>&1)
SPEC_PASSED=$(sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' <<<"$SPEC_OUT" | tail -n 1)
SPEC_FAILED=$(sed -n 's/.*Failed: *\([0-9]*\).*/\1/p' <<<"$SPEC_OUT" | tail -n 1)
[[ ${SPEC_PASSED:-0} -gt 20 && ${SPEC_FAILED:-1} == 0 ]] || tail -40 <<<"$SPEC_OUT" >&2
check "store specification suite runs from the package (${SPEC_PASSED:-0} passed)" yes "$([[ ${SPEC_PASSED:-0} -gt 20 && ${SPEC_FAILED:-1} == 0 ]] && echo yes || echo no)"

# The downstream service's own test project (tests/CinemaCatalogService.Tests, not in RbacKit.sln: it restores RbacKit.*
# from the feed like the service): the service in process (WebApplicationFactory) against a real issuer on loopback.
# Its TRX goes next to $RBACKIT_E2E_TRX, where test.sh counts it with the rest; a failed or broken run is a failed check too.
# The packages it restores were purged from the global cache above and taken from the feed by the builds before.
CATALOG_RESULTS=$TMP/catalog-tests
[[ -n ${RBACKIT_E2E_TRX:-} ]] && CATALOG_RESULTS=$(dirname "$RBACKIT_E2E_TRX")
rm -f "$CATALOG_RESULTS/catalog-service.trx"
log "running tests/CinemaCatalogService.Tests against the packages"
catalog_rc=0
dotnet test tests/CinemaCatalogService.Tests -c Release -p:RbacKitVersion="$VERSION" -p:RestoreForce=true --nologo -v quiet \
  --logger "trx;LogFileName=catalog-service.trx" --results-directory "$CATALOG_RESULTS" > "$TMP/catalog-tests.log" 2>&1 || catalog_rc=$?
catalog_count() { sed -n "s/.*<Counters[^>]* $1=\"\([0-9]*\)\".*/\1/p" "$CATALOG_RESULTS/catalog-service.trx" 2>/dev/null | head -n 1; }
CATALOG_PASSED=$(catalog_count passed)
CATALOG_FAILED=$(catalog_count failed)
log "catalog service tests: ${CATALOG_PASSED:-0} passed, ${CATALOG_FAILED:-?} failed (exit $catalog_rc)"
catalog_ok=no
[[ $catalog_rc == 0 && ${CATALOG_PASSED:-0} -gt 0 && ${CATALOG_FAILED:-1} == 0 ]] && catalog_ok=yes
[[ $catalog_ok == yes ]] || tail -60 "$TMP/catalog-tests.log" >&2
check "catalog service tests reference the package, not the project" yes "$(grep -q '"RbacKit.AspNetCore/'"$VERSION"'"' tests/CinemaCatalogService.Tests/obj/project.assets.json 2>/dev/null && ! grep -q '"path": "../../src/' tests/CinemaCatalogService.Tests/obj/project.assets.json && echo yes || echo no)"
check "catalog service tests pass from the packages (${CATALOG_PASSED:-0} passed, ${CATALOG_FAILED:-?} failed)" yes "$catalog_ok"

if [[ ${RBACKIT_E2E_NO_BUILD:-} != 1 ]]; then
  dotnet build samples/CinemaAuthHost -c Release --nologo -v quiet > "$TMP/host-build.log" 2>&1 || { cat "$TMP/host-build.log"; fail_setup "host build"; }
fi

if [[ -n ${RBACKIT_TEST_REDIS:-} ]]; then
  REDIS=$RBACKIT_TEST_REDIS
else
  OWN_REDIS_PORT=$(free_port)
  redis-server --port "$OWN_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --dir "$TMP" > /dev/null || fail_setup "redis-server"
  REDIS=127.0.0.1:$OWN_REDIS_PORT
fi

AUTH_PORT=$(free_port)
CATALOG_PORT=$(free_port)
AUTH=http://127.0.0.1:$AUTH_PORT
CATALOG=http://127.0.0.1:$CATALOG_PORT
export ASPNETCORE_ENVIRONMENT=Development
export Data__Directory=$TMP/data
export ConnectionStrings__Redis=$REDIS
export RbacKit__Issuer=$AUTH
export RbacKit__Tokens__KeyEncryptionKey=$(head -c 32 /dev/urandom | base64)
export RbacKit__Tokens__KeyRefreshInterval=00:00:01
export RbacKit__Tokens__KeyActivationDelay=00:00:02 # rotate-keys publishes at once and signs with the new key 2 s later
export RbacKit__Passwords__WorkFactor=4 RbacKit__Passwords__AllowWeakWorkFactor=true
HOST_DLL=$ROOT/samples/CinemaAuthHost/bin/Release/net10.0/CinemaAuthHost.dll

(cd samples/CinemaAuthHost && exec dotnet "$HOST_DLL" --urls "$AUTH" > "$TMP/auth.log" 2>&1) & PIDS+=($!)
(cd "$TMP/catalog" && exec dotnet CinemaCatalogService.dll --urls "$CATALOG" --Auth:Authority="$AUTH" > "$TMP/catalog.log" 2>&1) & PIDS+=($!)
for url in "$AUTH/health/ready" "$CATALOG/health/ready"; do # the catalog is ready once it has read the host's keys
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
  curl -sf -o /dev/null "$url" || { tail -40 "$TMP/auth.log" "$TMP/catalog.log"; fail_setup "$url did not come up"; }
done

status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
login() { curl -s -X POST "$AUTH/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$1\",\"password\":\"Cinema-Demo-2026!\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
kid() { python3 -c 'import base64,json,sys; h=sys.argv[1].split(".")[0]; print(json.loads(base64.urlsafe_b64decode(h+"="*(-len(h)%4)))["kid"])' "$1"; }
USER_TOKEN=$(login user@example.com) || fail_setup "user login"
MOD_TOKEN=$(login moderator@example.com) || fail_setup "moderator login"
BODY='{"title":"Metropolis","year":1927}'

check "anonymous read is 401" 401 "$(status "$CATALOG/catalog")"
check "user read is 200" 200 "$(status "$CATALOG/catalog" -H "Authorization: Bearer $USER_TOKEN")"
check "user write is 403" 403 "$(status -X POST "$CATALOG/catalog" -H "Authorization: Bearer $USER_TOKEN" -H 'content-type: application/json' -d "$BODY")"
check "moderator write is 201" 201 "$(status -X POST "$CATALOG/catalog" -H "Authorization: Bearer $MOD_TOKEN" -H 'content-type: application/json' -d "$BODY")"
check "garbage token is 401" 401 "$(status "$CATALOG/catalog" -H 'Authorization: Bearer not.a.token')"

check "logout is 204" 204 "$(status -X POST "$AUTH/auth/logout" -H "Authorization: Bearer $USER_TOKEN")"
revoked=no
for _ in $(seq 1 10); do
  [[ $(status "$CATALOG/catalog" -H "Authorization: Bearer $USER_TOKEN") == 401 ]] && { revoked=yes; break; }
  sleep 0.1
done
check "token rejected downstream within 1 s of logout (Redis)" yes "$revoked"

OLD_KID=$(kid "$MOD_TOKEN")
(cd samples/CinemaAuthHost && dotnet "$HOST_DLL" rotate-keys > "$TMP/rotate.log" 2>&1)
check "rotate-keys exits 0" 0 "$?"
NEW_TOKEN=$MOD_TOKEN
for _ in $(seq 1 30); do
  NEW_TOKEN=$(login moderator@example.com)
  [[ $(kid "$NEW_TOKEN") != "$OLD_KID" ]] && break
  sleep 0.5
done
check "the auth host signs with the rotated key" yes "$([[ $(kid "$NEW_TOKEN") != "$OLD_KID" ]] && echo yes || echo no)"
check "a token signed after rotate-keys is accepted downstream" 201 "$(status -X POST "$CATALOG/catalog" -H "Authorization: Bearer $NEW_TOKEN" -H 'content-type: application/json' -d "$BODY")"
check "a token of the previous key is still accepted" 200 "$(status "$CATALOG/catalog" -H "Authorization: Bearer $MOD_TOKEN")"
finish
