#!/bin/sh
# Prisma's CLI downloads a native schema engine before any command, even `generate`,
# which needs none. Pointing it at an existing file skips the download so that
# `npm install` works offline; migrations are applied by `npm run db:migrate`.
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(dirname "$0")/prisma-generate.sh}"
exec prisma generate "$@"
