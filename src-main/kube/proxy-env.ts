// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, read the way kubectl (Go's net/http) reads them, for
// clusters whose kubeconfig entry names no proxy-url of its own. client-node only knows
// proxy-url, so main turns the environment into one.

function hostOf(server: string): { host: string; port: string; https: boolean } | undefined {
  try {
    const u = new URL(server);
    return { host: u.hostname.replace(/^\[|\]$/g, "").toLowerCase(), port: u.port, https: u.protocol === "https:" };
  } catch {
    return undefined;
  }
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  const a = ipv4ToInt(ip);
  const b = ipv4ToInt(base);
  const n = Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

/** Whether NO_PROXY exempts this host (and port). */
export function bypassesProxy(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    if (entry.includes("/")) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const [name, entryPort] = entry.startsWith("[") ? [entry.slice(1, entry.indexOf("]")), entry.split("]:")[1]] : entry.split(":");
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, "");
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

const env = (e: NodeJS.ProcessEnv, name: string) => e[name] ?? e[name.toLowerCase()];

/** The proxy kubectl would use for this API server, or undefined for a direct connection. */
export function proxyFromEnvironment(server: string, e: NodeJS.ProcessEnv): string | undefined {
  const target = hostOf(server);
  if (!target) return undefined;
  const proxy = target.https ? env(e, "HTTPS_PROXY") : env(e, "HTTP_PROXY");
  if (!proxy) return undefined;
  // As in Go: loopback is never proxied by the environment.
  if (target.host === "localhost" || target.host === "::1" || target.host.startsWith("127.")) return undefined;
  if (bypassesProxy(target.host, target.port || (target.https ? "443" : "80"), env(e, "NO_PROXY") ?? "")) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
