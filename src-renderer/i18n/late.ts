// English strings of views that load late (a pod's problems, the configuration wizard, node
// impact previews, the log viewer, Helm installs): kept
// out of the start bundle, which carries the rest of en.json, and merged into English when such
// a view's code arrives (imported by those views). Chinese has them all in its own lazy file.
import { i18next } from "./index.ts";
import late from "./en-late.json" with { type: "json" };

i18next.addResourceBundle("en", "translation", late, true, false);

export { late };
