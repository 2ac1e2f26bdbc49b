// English strings of views that load late (a pod's problems, the configuration and scheduling
// wizards, node impact previews, the log viewer, Helm installs, the action dialog's
// confirmations): kept out of the start bundle, which carries the rest of en.json, and merged
// into English when such a view's code arrives (imported by those views). Chinese has them all
// in its own lazy file.
import { i18next } from "./index.ts";
import late from "./en-late.json" with { type: "json" };

// The workspace's code is fetched at start (App.tsx), and can arrive while i18next still waits
// for the Chinese file: before init there is no store to add to, so wait for it then.
const add = () => i18next.addResourceBundle("en", "translation", late, true, false);
if (i18next.isInitialized) add();
else i18next.on("initialized", add);

export { late };
