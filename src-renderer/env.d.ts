/// <reference types="vite/client" />

// Monaco's feature and language registrations, imported for their effects only (editor/monaco.ts).
declare module "monaco-editor/esm/vs/editor/editor.all.js";
declare module "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js";
