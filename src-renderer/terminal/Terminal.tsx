// A terminal in a container (DESIGN §6): xterm.js 6 (our own small wrapper: the published
// React ones are for xterm 5) on the `pods.exec` stream. Keys go in as stdin, the terminal's
// size follows its panel (fit) and goes in as a resize, what the container prints is written
// as bytes. WebGL draws it where the browser has WebGL, the DOM renderer elsewhere. When the
// process ends, its exit code (or the cluster's words) is shown with "Reconnect". "Run" replaces
// the session with another command (typed as a command line, see command-line.ts). "Own window"
// moves the session, screen and all, to a window of its own (main keeps it meanwhile; see
// src-main/streams/exec-handoff.ts).
import "@xterm/xterm/css/xterm.css";
import { Alert, Button, Group, Text, TextInput, Tooltip, useComputedColorScheme } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { FitAddon } from "@xterm/addon-fit";
import { SearchAddon } from "@xterm/addon-search";
import { SerializeAddon } from "@xterm/addon-serialize";
import { Unicode11Addon } from "@xterm/addon-unicode11";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { WebglAddon } from "@xterm/addon-webgl";
import { Terminal as XTerm, type ITheme } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { StreamInput } from "../../src-shared/api/contract.ts";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import { subscribeExec } from "../api/index.ts";
import { commandArgv } from "./command-line.ts";

export interface TerminalProps {
  pod: ObjectRef;
  container: string;
  mode: "exec" | "attach";
  /** Empty: the first shell the container has. */
  command: string[];
  /** Whether the panel is the one shown (a hidden terminal keeps running, and fits when shown). */
  visible: boolean;
  /** A session detached from another window, to take over (its token). */
  resume?: string;
  /** Offers "Own window": called with the detached session's token; false when no window could be opened (the session then comes back here). */
  onDetach?(token: string): boolean;
}

const light: ITheme = { background: "#fbfbfd", foreground: "#1f2328", cursor: "#1f2328", selectionBackground: "#b6d3ff" };
const dark: ITheme = { background: "#1a1b1e", foreground: "#e6e6e6", cursor: "#e6e6e6", selectionBackground: "#3a4a6b" };

type State =
  | { at: "connecting" }
  | { at: "waiting"; reason: string }
  | { at: "running"; command: string[] }
  | { at: "ended"; code: number | null; message?: string }
  | { at: "failed"; message: string };

export function Terminal({ pod, container, mode, command: initialCommand, visible, resume: resumeToken, onDetach }: TerminalProps) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<XTerm>(undefined);
  const fit = useRef<FitAddon>(undefined);
  const search = useRef<SearchAddon>(undefined);
  const serialize = useRef<SerializeAddon>(undefined);
  const send = useRef<(input: StreamInput<"pods.exec">) => void>(undefined);
  // The session to take over at the next start (then a Reconnect starts a new one).
  const resume = useRef(resumeToken);
  const [state, setState] = useState<State>({ at: "connecting" });
  const [generation, setGeneration] = useState(0);
  const [find, setFind] = useState("");
  const [command, setCommand] = useState(initialCommand);
  const [line, setLine] = useState("");
  const scheme = useComputedColorScheme("light");

  // One xterm for the component's life; a reconnect clears it and starts a new stream.
  useEffect(() => {
    const x = new XTerm({
      allowProposedApi: true,
      cursorBlink: true,
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 10_000,
      theme: scheme === "dark" ? dark : light,
    });
    const f = new FitAddon();
    const s = new SearchAddon();
    const z = new SerializeAddon();
    x.loadAddon(f);
    x.loadAddon(s);
    x.loadAddon(z);
    x.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, "_blank", "noopener")));
    x.loadAddon(new Unicode11Addon());
    x.unicode.activeVersion = "11";
    // Copy and paste as terminals do: Ctrl+Shift+C / Ctrl+Shift+V (Ctrl+C stays the process's interrupt).
    x.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === "KeyC" && x.hasSelection()) {
        void navigator.clipboard.writeText(x.getSelection());
        return false;
      }
      if (e.code === "KeyV") {
        void navigator.clipboard.readText().then((text) => x.paste(text));
        return false;
      }
      return true;
    });
    x.open(host.current!);
    try {
      const webgl = new WebglAddon();
      // A lost GPU context falls back to the DOM renderer instead of a blank terminal.
      webgl.onContextLoss(() => webgl.dispose());
      x.loadAddon(webgl);
    } catch {
      // No WebGL here: xterm's DOM renderer draws it.
    }
    term.current = x;
    fit.current = f;
    search.current = s;
    serialize.current = z;
    return () => {
      x.dispose();
      term.current = undefined;
    };
    // The theme is applied below without a new terminal.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (term.current) term.current.options.theme = scheme === "dark" ? dark : light;
  }, [scheme]);

  // The stream: started again by Reconnect (a new generation).
  useEffect(() => {
    const x = term.current!;
    x.reset();
    try {
      fit.current?.fit();
    } catch {
      // Not laid out yet (a hidden tab): the size is sent once it is.
    }
    setState({ at: "connecting" });
    const encoder = new TextEncoder();
    let received = 0;
    const token = resume.current;
    resume.current = undefined;
    const sub = subscribeExec(
      { ...pod, container, mode, command, tty: true, size: { cols: x.cols, rows: x.rows }, ...(token ? { resume: token } : {}) },
      {
        onEvent(e) {
          if ("detached" in e) {
            // Shown elsewhere now; if no window could be opened, taken back here.
            if (onDetach?.(e.detached)) return;
            resume.current = e.detached;
            setGeneration((g) => g + 1);
          } else if ("data" in e) {
            x.write(e.data);
            // For the benchmark: bytes received, written on the host (a keystroke's echo is seen there).
            received += e.data.byteLength;
            host.current?.setAttribute("data-bytes", String(received));
          } else if ("waiting" in e) setState({ at: "waiting", reason: e.waiting });
          else setState({ at: "running", command: e.started });
        },
        onEnd(r) {
          setState({ at: "ended", code: r.code, message: r.message });
        },
        onError(e) {
          setState({ at: "failed", message: [e.message, e.reason].filter(Boolean).join(" — ") });
        },
      },
    );
    send.current = sub.send;
    const keys = x.onData((d) => sub.send({ data: encoder.encode(d) }));
    const sizes = x.onResize(({ cols, rows }) => sub.send({ resize: { cols, rows } }));
    x.focus();
    return () => {
      keys.dispose();
      sizes.dispose();
      sub.stop();
    };
    // A new pod or container is a new component (the dock keys it); a new command comes with a new generation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);

  // The terminal follows its panel's size (the dock resized, the window resized, the tab shown).
  useEffect(() => {
    if (!visible) return;
    const refit = () => {
      try {
        fit.current?.fit();
      } catch {
        // Hidden meanwhile.
      }
    };
    refit();
    term.current?.focus();
    const observer = new ResizeObserver(refit);
    observer.observe(host.current!);
    return () => observer.disconnect();
  }, [visible]);

  const said =
    state.at === "running"
      ? mode === "attach"
        ? t("terminal.attached")
        : t("terminal.running", { command: state.command.join(" ") })
      : state.at === "connecting"
        ? t("terminal.connecting")
        : state.at === "waiting"
          ? t("terminal.waiting", { reason: state.reason })
          : state.at === "ended"
            ? state.code === null
              ? t("terminal.endedSaid", { message: state.message ?? "" })
              : t("terminal.ended", { code: state.code })
            : "";
  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%", minHeight: 0 }}>
      <Group justify="space-between" px="xs" py={4} gap="xs" wrap="nowrap">
        <Text
          size="xs"
          c={state.at === "ended" && state.code !== 0 ? "orange" : "dimmed"}
          role="status"
          truncate
          title={state.at === "ended" ? [said, state.message].filter(Boolean).join(" — ") : undefined}
        >
          {said}
          {state.at === "ended" && state.code !== null && state.code !== 0 && state.message ? ` — ${state.message}` : ""}
        </Text>
        <Group gap={4} wrap="nowrap">
          {mode === "exec" && (
            <TextInput
              size="xs"
              w={200}
              placeholder={t("terminal.run")}
              aria-label={t("terminal.run")}
              title={t("terminal.runHint")}
              value={line}
              onChange={(e) => setLine(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== "Enter") return;
                // The new session focuses the terminal while this key is down: without this, the
                // Enter's keypress would land there and reach the new command as a typed line.
                e.preventDefault();
                // Another command in place of this session; empty: the first shell again.
                setCommand(commandArgv(line));
                setLine("");
                setGeneration((g) => g + 1);
              }}
            />
          )}
          <TextInput
            size="xs"
            w={160}
            placeholder={t("terminal.find")}
            aria-label={t("terminal.find")}
            value={find}
            onChange={(e) => setFind(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                if (e.shiftKey) search.current?.findPrevious(find);
                else search.current?.findNext(find);
              }
            }}
          />
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => {
              // The whole scrollback as text, for pasting elsewhere (a selection copies with Ctrl+Shift+C or the browser's copy).
              const b = term.current?.buffer.active;
              if (!b) return;
              const lines: string[] = [];
              for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? "");
              void navigator.clipboard.writeText(lines.join("\n").replace(/\n+$/, "\n"));
            }}
          >
            {t("terminal.copyAll")}
          </Button>
          {onDetach && state.at === "running" && (
            <Tooltip label={t("terminal.ownWindowHint")}>
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconExternalLink size={12} />}
                onClick={() => {
                  // The screen so far goes along (at most 1,000 lines of scrollback, within the message's limit).
                  const z = serialize.current;
                  let screen = z?.serialize({ scrollback: 1000 }) ?? "";
                  if (screen.length > 1_000_000) screen = z?.serialize({ scrollback: 0 }).slice(-1_000_000) ?? "";
                  send.current?.({ detach: { screen } });
                }}
              >
                {t("terminal.ownWindow")}
              </Button>
            </Tooltip>
          )}
          {(state.at === "ended" || state.at === "failed") && (
            <Button size="compact-xs" onClick={() => setGeneration((g) => g + 1)}>
              {t("terminal.reconnect")}
            </Button>
          )}
        </Group>
      </Group>
      {state.at === "failed" && (
        <Alert color="red" variant="light" py={6} mx="xs" role="alert">
          {state.message}
        </Alert>
      )}
      <div ref={host} style={{ flex: 1, minHeight: 0, padding: "2px 6px" }} aria-label={t("terminal.label", { container })} role="region" />
    </div>
  );
}
