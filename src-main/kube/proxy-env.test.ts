import { describe, expect, it } from "vitest";
import { bypassesProxy, proxyFromEnvironment } from "./proxy-env.ts";

describe("proxyFromEnvironment", () => {
  const env = { HTTPS_PROXY: "http://proxy.corp:3128", HTTP_PROXY: "http://plain.corp:3128", NO_PROXY: ".internal,10.0.0.0/8,api.example.com:8443" };

  it("takes HTTPS_PROXY for https servers and HTTP_PROXY for http ones, in either case", () => {
    expect(proxyFromEnvironment("https://k8s.example.com:6443", env)).toBe("http://proxy.corp:3128");
    expect(proxyFromEnvironment("http://k8s.example.com:8080", env)).toBe("http://plain.corp:3128");
    expect(proxyFromEnvironment("https://k8s.example.com", { https_proxy: "proxy.corp:3128" })).toBe("http://proxy.corp:3128");
    expect(proxyFromEnvironment("https://k8s.example.com", {})).toBeUndefined();
  });

  it("never proxies loopback", () => {
    for (const s of ["https://127.0.0.1:6443", "https://localhost:6443", "https://[::1]:6443"]) expect(proxyFromEnvironment(s, env)).toBeUndefined();
  });

  it("honours NO_PROXY domains, CIDRs, ports and *", () => {
    expect(proxyFromEnvironment("https://k8s.internal:6443", env)).toBeUndefined();
    expect(proxyFromEnvironment("https://internal:6443", env)).toBeUndefined();
    expect(proxyFromEnvironment("https://10.2.3.4:6443", env)).toBeUndefined();
    expect(proxyFromEnvironment("https://11.2.3.4:6443", env)).toBe("http://proxy.corp:3128");
    expect(proxyFromEnvironment("https://api.example.com:8443", env)).toBeUndefined();
    expect(proxyFromEnvironment("https://api.example.com:6443", env)).toBe("http://proxy.corp:3128");
    expect(bypassesProxy("anything", "443", "*")).toBe(true);
    expect(bypassesProxy("notinternal", "443", ".internal")).toBe(false);
  });
});
