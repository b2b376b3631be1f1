#!/usr/bin/env bash
# The GitHub Action's step (action.yml): runs `k8s-stateful check` from the npm package with the
# action's inputs (INPUT_* variables). K8S_STATEFUL_CLI overrides the command (the test runs the
# packed tarball's bin this way, offline).
set -euo pipefail
version="${INPUT_VERSION:-}"
if [ -z "$version" ]; then
  version="$(node -p "require(process.env.ACTION_PATH + '/package.json').version")"
fi
if [ -n "${K8S_STATEFUL_CLI:-}" ]; then
  cli=("$K8S_STATEFUL_CLI")
else
  cli=(npx --yes "k8s-stateful@$version")
fi
args=(check --format "${INPUT_FORMAT:-github}" --severity "${INPUT_SEVERITY:-info}")
if [ "${INPUT_FORMAT:-github}" = sarif ]; then args+=(--output "${INPUT_SARIF_FILE:-k8s-stateful.sarif}"); fi
if [ -n "${INPUT_MAX_WARNINGS:-}" ]; then args+=(--max-warnings "$INPUT_MAX_WARNINGS"); fi
# Word splitting is wanted here: paths and extra args are space-separated lists.
# shellcheck disable=SC2206
extra=(${INPUT_ARGS:-})
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-.})
exec "${cli[@]}" "${args[@]}" "${extra[@]}" -- "${paths[@]}"
