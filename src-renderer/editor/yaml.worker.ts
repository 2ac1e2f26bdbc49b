// The YAML language worker, through a file of our own: Vite bundles a worker imported with
// `?worker` from the app's own files reliably, where one imported straight from the package
// fails in the worker with "Unexpected usage" (monaco-yaml's README).
import "monaco-yaml/yaml.worker.js";
