# Shared by the bench scripts (sourced): a server-everything over Streamable HTTP on a
# free-ish port, and waiting for a port to answer.
#   start_everything NODE PEERS_DIR   sets SERVER (its pid), PORT and URL
wait_port() {
  for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done
  return 1
}
start_everything() {
  PORT=$(( 20000 + RANDOM % 20000 ))
  PORT="$PORT" "$1" "$2/node_modules/@modelcontextprotocol/server-everything/dist/index.js" streamableHttp > /dev/null 2>&1 &
  SERVER=$!
  wait_port "$PORT"
  URL="http://127.0.0.1:$PORT/mcp"
}
