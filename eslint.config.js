// Lint enforces the layers of DESIGN §1: where code may run decides what it may import.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const node = ["node:*", "fs", "path", "os", "child_process", "http", "https", "net", "crypto", "url", "util", "stream", "events"];
const nodePatterns = node.map((n) => ({ group: [n, `${n}/*`], message: "src-shared and src-renderer run without Node." }));

export default tseslint.config(
  { ignores: ["out/", "dist/", "node_modules/", "test-results/", "**/*.json"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src-shared/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "electron", message: "src-shared is pure TypeScript." }],
          patterns: [
            ...nodePatterns,
            {
              group: ["**/src-main/**", "**/src-renderer/**", "**/src-preload/**", "react", "react-dom"],
              message: "src-shared imports nothing from the other folders.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "window", "document", "process", "navigator"],
    },
  },
  {
    files: ["src-renderer/**"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "electron", message: "The renderer is untrusted: it talks to main through src-renderer/api only." }],
          patterns: [
            ...nodePatterns,
            {
              group: ["**/src-main/**", "**/src-preload/**", "@kubernetes/client-node"],
              message: "The renderer never imports main, the preload or the Kubernetes client.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src-main/**"],
    ignores: ["src-main/electron/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "electron", message: "Only src-main/electron/ imports electron; the rest runs in plain Node." }],
          patterns: [{ group: ["**/src-renderer/**", "**/src-preload/**"], message: "Main does not import the renderer or the preload." }],
        },
      ],
    },
  },
  {
    files: ["src-preload/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/src-main/**", "**/src-renderer/**"], message: "The preload stays generic." }] }],
    },
  },
);
