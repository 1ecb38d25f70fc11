# Sourced by the start command. Runs the sandbox (packages/sandbox: simulated
# GitLab, Harbor, Rancher and Proxmox on 127.0.0.1:7101-7104, where
# app-config.yaml points) beside the portal, and stops it with the portal.
# A sandbox that is already running (`yarn sandbox` in another terminal) is
# used as it is.

WOMBAT_SANDBOX_HEALTH_URL=http://127.0.0.1:7101/_sandbox/health

wombat_sandbox_healthy() {
  node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
    "$WOMBAT_SANDBOX_HEALTH_URL"
}

wombat_start_sandbox() {
  if wombat_sandbox_healthy; then
    wombat_log "Using the sandbox already running at 127.0.0.1:7101-7104"
    return
  fi
  local log="$WOMBAT_ROOT/.data/sandbox.log"
  wombat_log "Starting the sandbox: simulated GitLab, Harbor, Rancher and Proxmox on 127.0.0.1:7101-7104 (log: .data/sandbox.log)"
  (cd "$WOMBAT_ROOT/packages/sandbox" &&
    exec node --require @backstage/cli/config/nodeTransform.cjs src/main.ts) >"$log" 2>&1 &
  WOMBAT_SANDBOX_PID=$!
  trap 'kill "$WOMBAT_SANDBOX_PID" 2>/dev/null || true' EXIT
  # A signal must end the script through its EXIT trap, stopping the sandbox.
  trap 'exit 130' INT TERM
  local waited=0
  until wombat_sandbox_healthy; do
    if ! kill -0 "$WOMBAT_SANDBOX_PID" 2>/dev/null; then
      wombat_log "The sandbox did not start:"
      cat "$log" >&2
      exit 1
    fi
    if [ "$waited" -ge 60 ]; then
      wombat_log "The sandbox did not answer within 60 s; see .data/sandbox.log"
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}
