#!/usr/bin/env bash
# Makes the Secrets the dev overlay needs, with random values, in its namespace: nothing secret
# is ever in the repository. A Secret that exists already is kept (PostgreSQL made its roles with
# the first passwords). The optional ones (user-service-signing-keys, smtp, google-oidc,
# payment-providers, postgres-ca, gateway-tls) are left out: the services run without them here.
# deploy/checks compares this list with what the overlay references.
#
#   deploy/k8s/overlays/dev/create-secrets.sh [namespace]     (default linkwithmentor-dev)
set -euo pipefail
namespace=${1:-linkwithmentor-dev}

random() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

secret() {
  local name=$1; shift
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "kept    secret/$name"
    return
  fi
  kubectl -n "$namespace" create secret generic "$name" "$@" >/dev/null
  echo "created secret/$name"
}

# Each service's own database role (PostgreSQL's init script makes them from these).
secret user-service-db --from-literal=username=user_service --from-literal=password="$(random)"
secret chat-service-db --from-literal=username=chat_service --from-literal=password="$(random)"
secret signaling-service-db --from-literal=username=signaling_service --from-literal=password="$(random)"
secret meeting-service-db --from-literal=username=meeting_service --from-literal=password="$(random)"
secret payment-service-db --from-literal=username=payment_service --from-literal=password="$(random)"
secret moderation-service-db --from-literal=username=moderation_service --from-literal=password="$(random)"
secret lecture-service-db --from-literal=username=lecture_service --from-literal=password="$(random)"
secret postgres --from-literal=password="$(random)"

# Each service's client secret for service tokens (user-service reads them all).
secret chat-service-client --from-literal=secret="$(random)"
secret meeting-service-client --from-literal=secret="$(random)"
secret payment-service-client --from-literal=secret="$(random)"
secret signaling-service-client --from-literal=secret="$(random)"
secret lecture-service-client --from-literal=secret="$(random)"
secret moderation-service-client --from-literal=secret="$(random)"

# Redis: its password, and the URL the services connect with.
redis_password=$(random)
secret redis --from-literal=password="$redis_password" --from-literal=url="redis://:$redis_password@redis:6379"

# The object store (MinIO here), lecture media's URL signing key, the payment sandbox's keys.
secret s3 --from-literal=access-key="lwm$(random | cut -c1-17)" --from-literal=secret-key="$(random)"
secret lecture-service-media --from-literal=signing-key="$(random)"
secret payment-sandbox --from-literal=api-key="$(random)" --from-literal=webhook-secret="$(random)"
