// Node flags the language server runs with. The VS Code client starts the server with them and the
// benchmark starts it the same way, so the figures it prints are the ones users get.
//
// A 4 MB young-generation semi-space (default 16 MB): ~20 MB less RSS, no measured speed cost (bench/README.md).
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
