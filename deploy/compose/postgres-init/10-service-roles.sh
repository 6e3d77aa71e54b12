#!/usr/bin/env bash
# PostgreSQL's first start (docker-entrypoint-initdb.d, as the superuser): one login role per
# service, owning its own schema and nothing else (docs/architecture.md: each service owns one
# schema; no query crosses one). Used by docker-compose.yml and the Kubernetes dev overlay.
#
# LWM_DB_ROLES: space-separated role:schema[:extension,...] entries, e.g.
#   "user_service:users chat_service:chat meeting_service:meetings:btree_gist"
# LWM_DB_PASSWORD_<ROLE, upper case>: each role's password (from .env or a Secret, never the repo).
#
# Extensions are created here, by the superuser, in the schema that uses them: a service's own
# `CREATE EXTENSION IF NOT EXISTS` then finds them and needs no right on the database.
set -euo pipefail

: "${LWM_DB_ROLES:?LWM_DB_ROLES must list the services role:schema entries}"
database=${POSTGRES_DB:-postgres}

psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "$database")

# Nobody but a schema's owner creates anything; the public schema is nobody's.
"${psql[@]}" <<SQL
REVOKE ALL ON DATABASE "$database" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

for entry in $LWM_DB_ROLES; do
  IFS=: read -r role schema extensions <<<"$entry"
  variable=LWM_DB_PASSWORD_${role^^}
  password=${!variable:-}
  if [[ -z $password ]]; then
    echo "10-service-roles.sh: $variable is not set (the password of role $role)" >&2
    exit 1
  fi
  "${psql[@]}" -v role="$role" -v schema="$schema" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
GRANT CONNECT ON DATABASE :"database" TO :"role";
CREATE SCHEMA :"schema" AUTHORIZATION :"role";
ALTER ROLE :"role" SET search_path = :"schema";
SQL
  for extension in ${extensions//,/ }; do
    "${psql[@]}" -v schema="$schema" -v extension="$extension" <<'SQL'
CREATE EXTENSION IF NOT EXISTS :"extension" SCHEMA :"schema";
SQL
  done
  echo "10-service-roles.sh: role $role owns schema $schema${extensions:+ (extensions: $extensions)}"
done
